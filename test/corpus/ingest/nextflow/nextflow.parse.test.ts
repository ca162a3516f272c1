import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StreamedBatch } from '../../../../ingest/core/graph.js';
import { mapNextflowMessages, readNextflowTrace } from '../../../../ingest/nextflow/index.js';
import { corpusPath } from '../../../support/corpus.js';
import { danglingEdges, edgesOf, listFiles, unstorable } from '../provenance-helpers.js';

const traceRoot = corpusPath('provenance/nextflow-trace');
const traces = listFiles(traceRoot, '.txt').map((file) => ({ name: path.relative(traceRoot, file), file }));
const towerRoot = corpusPath('provenance/nextflow-tower');
const towerRuns = existsSync(towerRoot) ? readdirSync(towerRoot).map((d) => path.join(towerRoot, d)) : [];

/** Milliseconds of a Nextflow duration, computed unit by unit (independent of the ingester's parser). */
function ms(text: string): number | undefined {
  if (text === '-' || text === '') return undefined;
  if (/^\d+$/.test(text)) return Number(text);
  const factor: Record<string, number> = { ms: 1, s: 1e3, m: 6e4, h: 3.6e6, d: 8.64e7 };
  return Math.round(
    text.split(' ').reduce((sum, part) => {
      const unit = part.endsWith('ms') ? 'ms' : part.slice(-1);
      return sum + Number(part.slice(0, part.length - unit.length)) * factor[unit]!;
    }, 0),
  );
}

async function readAll(file: string, runName: string) {
  const batches: StreamedBatch[] = [];
  for await (const b of readNextflowTrace(file, { runName, batchSize: 10 })) batches.push(b);
  return { batches, nodes: batches.flatMap((b) => b.nodes), edges: batches.flatMap((b) => b.edges), issues: batches.flatMap((b) => b.issues) };
}

describe('Nextflow trace corpus', () => {
  it('finds traces', () => {
    expect(traces.length).toBeGreaterThan(0);
  });

  it.each(traces)('$name: every row is a task of the run with its values', async ({ name, file }) => {
    const [header, ...rows] = readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
    const columns = header!.split('\t');
    const records = rows.map((r) => Object.fromEntries(r.split('\t').map((v, i) => [columns[i], v])) as Record<string, string>);
    const g = await readAll(file, name);
    expect(g.issues.filter((i) => i.severity !== 'info')).toEqual([]);
    expect(danglingEdges({ nodes: g.nodes, edges: g.edges, issues: [] })).toEqual([]);
    expect(unstorable({ nodes: g.nodes, edges: g.edges, issues: [] })).toEqual([]);
    expect(g.batches[g.batches.length - 1]!.position).toBe(records.length);
    const run = `urn:nextflow:run:${name}`;
    for (const rec of records) {
      const task = g.nodes.find((n) => n.urn === `${run}:task:${rec.task_id}`)!;
      expect(task.labels).toEqual(['StepRun', 'Run']);
      expect(task.props).toMatchObject({ hash: rec.hash, name: rec.name, rawStatus: rec.status });
      if (rec.exit !== '-') expect(task.props.exitCode).toBe(Number(rec.exit));
      if (rec.duration !== undefined) expect(task.props.durationMs).toBe(ms(rec.duration));
      if (rec.realtime !== undefined) expect(task.props.realtimeMs).toBe(ms(rec.realtime));
      if (rec['%cpu'] !== undefined && rec['%cpu'] !== '-') expect(task.props.cpuPercent).toBe(parseFloat(rec['%cpu']));
      expect(edgesOf({ nodes: g.nodes, edges: g.edges, issues: [] }, 'PART_OF_RUN', task.urn, run)).toHaveLength(1);
    }
    const summary = g.batches[g.batches.length - 1]!.nodes.find((n) => n.urn === run)!;
    expect(summary.props.taskCount).toBe(records.length);
    const allDone = records.every((r) => r.status === 'COMPLETED' || r.status === 'CACHED');
    expect(summary.props.status === 'completed').toBe(allDone);
    expect(new Set(g.nodes.filter((n) => n.labels.includes('Step')).map((n) => n.props.name)).size).toBe(
      new Set(records.map((r) => r.name!.replace(/\s*\(.*\)\s*$/, ''))).size,
    );
  });
});

describe('Nextflow Tower message corpus', () => {
  it.each(towerRuns.map((dir) => ({ name: path.basename(dir), dir })))('$name: messages in order make one run with its tasks', ({ dir }) => {
    const messages = readdirSync(dir).sort().map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
    const g = mapNextflowMessages(messages);
    expect(g.issues).toEqual([]);
    expect(danglingEdges(g)).toEqual([]);
    expect(unstorable(g)).toEqual([]);
    const workflows = messages.filter((m) => m.workflow).map((m) => m.workflow);
    const runName = workflows[0].runName ?? workflows[0].id;
    const run = g.nodes.find((n) => n.urn === `urn:nextflow:run:${runName}`)!;
    const last = workflows[workflows.length - 1];
    expect(run.props.status).toBe(last.complete ? (last.success ? 'completed' : 'failed') : 'running');
    const taskIds = new Set(messages.flatMap((m) => (m.tasks ?? []).map((t: any) => String(t.taskId))));
    expect(g.nodes.filter((n) => n.labels.includes('StepRun')).map((n) => n.props.taskId).sort()).toEqual([...taskIds].sort());
    for (const id of taskIds) {
      const states = messages.flatMap((m) => (m.tasks ?? []).filter((t: any) => String(t.taskId) === id));
      const final = states[states.length - 1];
      const task = g.nodes.find((n) => n.urn === `urn:nextflow:run:${runName}:task:${id}`)!;
      expect(task.props.rawStatus).toBe(final.status);
      if (final.exit !== 2147483647) expect(task.props.exitCode).toBe(final.exit);
    }
  });
});

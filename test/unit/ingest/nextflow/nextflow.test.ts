import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StreamedBatch } from '../../../../ingest/core/graph.js';
import { mapNextflowMessages, parseDuration, parsePercent, parseSize, readNextflowMessages, readNextflowTrace } from '../../../../ingest/nextflow/index.js';
import { fixturePath } from '../../../support/corpus.js';
import { danglingEdges, edges, node, nodesWith, unstorableProps } from '../provenance-helpers.js';

async function batches(file: string, opts = {}): Promise<StreamedBatch[]> {
  const out: StreamedBatch[] = [];
  for await (const b of readNextflowTrace(file, opts)) out.push(b);
  return out;
}

function merged(list: StreamedBatch[]) {
  return { nodes: list.flatMap((b) => b.nodes), edges: list.flatMap((b) => b.edges), issues: list.flatMap((b) => b.issues) };
}

describe('human-formatted trace values', () => {
  it('parses durations', () => {
    expect(parseDuration('1h 10m 5s')).toBe(4_205_000);
    expect(parseDuration('184ms')).toBe(184);
    expect(parseDuration('2.5s')).toBe(2500);
    expect(parseDuration('1d 2h')).toBe(93_600_000);
    expect(parseDuration('1500')).toBe(1500);
    expect(parseDuration('-')).toBeUndefined();
    expect(parseDuration('soon')).toBeNull();
  });
  it('parses sizes in binary units and percentages', () => {
    expect(parseSize('727 B')).toBe(727);
    expect(parseSize('35.4 GB')).toBe(Math.round(35.4 * 1024 ** 3));
    expect(parseSize('1 TB')).toBe(1024 ** 4);
    expect(parseSize('0')).toBe(0);
    expect(parseSize('12 XB')).toBeNull();
    expect(parsePercent('130.3%')).toBe(130.3);
    expect(parsePercent('-')).toBeUndefined();
  });
});

describe('readNextflowTrace', () => {
  const file = fixturePath('provenance/nextflow/trace.tsv');

  it('maps every task row to a StepRun of the run and of its process Step', async () => {
    const list = await batches(file, { runName: 'r1', workflowName: 'nf-core/demo' });
    const g = merged(list);
    const run = 'urn:nextflow:run:r1';
    const align = node(g as never, `${run}:task:2`);
    expect(align.labels).toEqual(['StepRun', 'Run']);
    expect(align.props).toMatchObject({
      process: 'ALIGN',
      tag: 'sample_1',
      status: 'completed',
      exitCode: 0,
      startedAt: '2024-06-01T10:00:01.000000Z',
      endedAt: '2024-06-01T11:10:06.000000Z',
      durationMs: 4_206_000,
      realtimeMs: 4_205_000,
      cpuPercent: 130.3,
      memPercent: 1.5,
      peakRssBytes: Math.round(35.4 * 1024 ** 3),
      peakVmemBytes: 1024 ** 4,
      rcharBytes: 727,
      wcharBytes: 0,
      workdir: '/work/ab/cdef12',
      extraJson: '{"custom_col":"x"}',
    });
    expect(edges(g as never, 'PART_OF_RUN', align.urn, run)).toHaveLength(1);
    expect(edges(g as never, 'INSTANCE_OF', align.urn, 'urn:workflow:nf-core/demo#step:ALIGN')).toHaveLength(1);
  });

  it('reads FAILED, CACHED, ABORTED and RUNNING tasks and `-` placeholders', async () => {
    const g = merged(await batches(file, { runName: 'r1' }));
    const task = (id: string) => node(g as never, `urn:nextflow:run:r1:task:${id}`).props;
    expect(task('1')).toMatchObject({ status: 'failed', exitCode: 137, endedAt: '2024-06-01T09:59:02.500000Z', durationMs: 2500 });
    expect(task('1').cpuPercent).toBeUndefined();
    expect(task('3')).toMatchObject({ status: 'completed', cached: true, durationMs: 93_600_000 });
    expect(task('3').nativeId).toBeUndefined();
    expect(task('4')).toMatchObject({ status: 'cancelled' });
    expect(task('4').exitCode).toBeUndefined();
    expect(task('5')).toMatchObject({ status: 'running', lastEventRank: 2 });
    expect(task('5').endedAt).toBeUndefined();
  });

  it('reports unreadable values and short rows with their line, and never drops the row', async () => {
    const g = merged(await batches(file, { runName: 'r1' }));
    expect(g.issues.map((i) => [i.code, i.line])).toEqual([
      ['NEXTFLOW_TRACE_LOCAL_TIME', undefined],
      ['BAD_NUMBER', 6],
      ['BAD_NUMBER', 6],
      ['BAD_NUMBER', 6],
      ['NEXTFLOW_TRACE_ROW_WIDTH', 7],
    ]);
    expect(nodesWith(g as never, 'StepRun')).toHaveLength(6);
  });

  it('streams in batches whose position counts consumed rows and ends with the run summary', async () => {
    const list = await batches(file, { runName: 'r1', batchSize: 2 });
    expect(list.map((b) => b.position)).toEqual([2, 4, 6, 6]);
    const summary = list[list.length - 1]!.nodes.find((n) => n.urn === 'urn:nextflow:run:r1')!;
    expect(summary.props).toMatchObject({ taskCount: 6, failedTaskCount: 1, cachedTaskCount: 1, abortedTaskCount: 1, status: 'running', startedAt: '2024-06-01T09:59:00.000000Z' });
  });

  it('reads raw (trace.raw = true) numbers and names the run after the directory by default', async () => {
    const g = merged(await batches(fixturePath('provenance/nextflow/trace-raw.tsv')));
    const t = node(g as never, 'urn:nextflow:run:nextflow:task:1').props;
    expect(t).toMatchObject({ durationMs: 1500, realtimeMs: 1200, cpuPercent: 98.5, peakRssBytes: 1_048_576, submittedAt: '2024-06-01T10:00:00.000000Z' });
    const run = g.nodes.filter((n) => n.urn === 'urn:nextflow:run:nextflow').pop()!;
    expect(run.props).toMatchObject({ status: 'completed', endedAt: '2024-06-01T10:00:01.500000Z' });
    expect(danglingEdges(g as never)).toEqual([]);
    expect(unstorableProps(g as never)).toEqual([]);
  });
});

describe('mapNextflowMessages', () => {
  const dir = fixturePath('provenance/nextflow/messages');
  const messages = readdirSync(dir).sort().map((f) => JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')));

  it('maps Tower messages in order to the run, its pipeline Job, Steps and task StepRuns', () => {
    const g = mapNextflowMessages(messages);
    const run = 'urn:nextflow:run:happy_turing';
    expect(node(g, run).props).toMatchObject({
      workflowId: 'wf-1',
      status: 'failed',
      startedAt: '2024-06-01T08:00:00.000000Z',
      endedAt: '2024-06-01T08:05:00.000000Z',
      durationMs: 300_000,
      exitStatus: 1,
      error: 'Process MULTIQC terminated',
      revision: '1.0.0',
      configFiles: ['nextflow.config'],
      parametersJson: '{"input":"samplesheet.csv"}',
    });
    expect(edges(g, 'INSTANCE_OF', run, 'urn:workflow:nf-core/demo')).toHaveLength(1);
    expect(edges(g, 'HAS_STEP', 'urn:workflow:nf-core/demo').map((e) => e.to).sort()).toEqual([
      'urn:workflow:nf-core/demo#step:FASTQC',
      'urn:workflow:nf-core/demo#step:MULTIQC',
    ]);
    expect(edges(g, 'WAS_ASSOCIATED_WITH', run).map((e) => e.to)).toEqual(['urn:agent:user:ada', 'urn:agent:software:nextflow@24.04.2']);
    expect(node(g, run).props.metricsJson).toContain('FASTQC');
  });

  it('updates a task with each later message about it', () => {
    const g = mapNextflowMessages(messages);
    expect(node(g, 'urn:nextflow:run:happy_turing:task:1').props).toMatchObject({
      status: 'completed',
      exitCode: 0,
      endedAt: '2024-06-01T08:00:12.000000Z',
      durationMs: 11_000,
      cpuPercent: 97.5,
      peakRssBytes: 2048,
      readBytes: 10,
      lastEventRank: 3,
    });
    expect(node(g, 'urn:nextflow:run:happy_turing:task:2').props).toMatchObject({ status: 'running', lastEventRank: 2 });
    expect(node(g, 'urn:nextflow:run:happy_turing:task:2').props.exitCode).toBeUndefined();
  });

  it('needs a run name for task messages that come alone', () => {
    expect(mapNextflowMessages([messages[1]]).issues[0]?.code).toBe('NEXTFLOW_MESSAGE_WITHOUT_RUN');
    const g = mapNextflowMessages([messages[1]], { runName: 'happy_turing' });
    expect(nodesWith(g, 'StepRun')).toHaveLength(2);
  });

  it('maps weblog events with raw epoch times', () => {
    const g = mapNextflowMessages(JSON.parse(readFileSync(fixturePath('provenance/nextflow/weblog.json'), 'utf8')));
    const run = node(g, 'urn:nextflow:run:weblog_run');
    expect(run.props).toMatchObject({ status: 'failed', endedAt: '2024-06-02T08:02:00.000000Z' });
    expect(node(g, 'urn:nextflow:run:weblog_run:task:1').props).toMatchObject({
      status: 'completed',
      startedAt: '2024-06-02T08:00:01.000000Z',
      endedAt: '2024-06-02T08:01:00.000000Z',
      peakRssBytes: 1024,
    });
    expect(danglingEdges(g)).toEqual([]);
    expect(unstorableProps(g)).toEqual([]);
  });

  it('streams a message file in batches, keeping the run across batches and reporting broken lines', async () => {
    const out: StreamedBatch[] = [];
    for await (const b of readNextflowMessages(fixturePath('provenance/nextflow/weblog.json'), { batchSize: 1 })) out.push(b);
    expect(out.map((b) => b.position)).toEqual([1, 2, 3, 3]);
    expect(out[1]!.nodes.some((n) => n.urn === 'urn:nextflow:run:weblog_run:task:1')).toBe(true);
    expect(out[2]!.nodes.find((n) => n.urn === 'urn:nextflow:run:weblog_run')?.props.status).toBe('failed');
    const dir = mkdtempSync(path.join(tmpdir(), 'helix-nf-'));
    const file = path.join(dir, 'messages.ndjson');
    writeFileSync(file, [JSON.stringify(messages[0]), '{"tasks": [', JSON.stringify(messages[2])].join('\n'));
    const batches: StreamedBatch[] = [];
    for await (const b of readNextflowMessages(file)) batches.push(b);
    const g = batches[0]!;
    expect(g.issues.map((i) => [i.code, i.line])).toEqual([['NEXTFLOW_MESSAGE_INVALID', 2]]);
    expect(g.nodes.some((n) => n.urn === 'urn:nextflow:run:happy_turing:task:1')).toBe(true);
  });
});


import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapRoCrate } from '../../../../ingest/rocrate/index.js';
import { corpusPath } from '../../../support/corpus.js';
import { danglingEdges, edgesOf, listFiles, unstorable } from '../provenance-helpers.js';

const root = corpusPath('provenance/ro-crate');
const crates = listFiles(root, 'ro-crate-metadata.json').map((file) => {
  const text = readFileSync(file, 'utf8');
  return { name: path.relative(root, file), text, graph: JSON.parse(text)['@graph'] as Array<Record<string, any>> };
});

const typesOf = (e: Record<string, any>): string[] => (Array.isArray(e['@type']) ? e['@type'] : [e['@type']]);
const ids = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x: any) => x['@id'] ?? x);

describe('RO-Crate corpus', () => {
  it('finds crates', () => {
    expect(crates.length).toBeGreaterThan(0);
  });

  it.each(crates)('$name: every action is a run with its inputs and outputs', ({ name, text, graph }) => {
    const g = mapRoCrate(text, { file: name });
    expect(g.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(danglingEdges(g)).toEqual([]);
    expect(unstorable(g)).toEqual([]);
    const byId = new Map(graph.map((e) => [e['@id'], e]));
    const actions = graph.filter((e) => typesOf(e).some((t) => t === 'CreateAction' || t === 'OrganizeAction'));
    const runs = g.nodes.filter((n) => n.labels.includes('Run') && n.urn.startsWith('urn:rocrate:action:'));
    expect(runs.length).toBe(actions.length);
    const controlled = new Set(graph.filter((e) => typesOf(e).includes('ControlAction')).flatMap((c) => ids(c.object)));
    for (const action of actions) {
      const run = runs.find((r) => r.props.runId === action['@id']);
      expect(run, action['@id']).toBeDefined();
      if (controlled.has(action['@id'])) {
        expect(run!.labels).toContain('StepRun');
        expect(edgesOf(g, 'PART_OF_RUN', run!.urn)).toHaveLength(1);
      }
      if (typesOf(action).includes('CreateAction')) {
        const inputs = new Set(ids(action.object).filter((id) => !typesOf(byId.get(id) ?? {}).includes('PropertyValue')));
        expect(edgesOf(g, 'USED', run!.urn)).toHaveLength(inputs.size);
        expect(edgesOf(g, 'WAS_GENERATED_BY', undefined, run!.urn)).toHaveLength(new Set(ids(action.result)).size);
      }
      if (typeof action.startTime === 'string') {
        const started = String(run!.props.startedAt);
        if (/[+-]\d\d:?\d\d$|Z$/.test(action.startTime)) expect(Date.parse(started)).toBe(Date.parse(action.startTime));
        else expect(started.startsWith(action.startTime.slice(0, 19))).toBe(true);
      }
    }
  });

  it.each(crates)('$name: the main workflow is a Job with its steps', ({ text, graph }) => {
    const root = graph.find((e) => e['@id'] === './');
    const mainId = ids(root?.mainEntity)[0];
    if (!mainId) return;
    const g = mapRoCrate(text);
    const job = g.nodes.find((n) => n.labels.includes('Job') && n.props.crateEntityId === mainId);
    expect(job).toBeDefined();
    const main = graph.find((e) => e['@id'] === mainId);
    expect(edgesOf(g, 'HAS_STEP', job!.urn).length).toBeGreaterThanOrEqual(ids(main?.step).length);
    const wfRuns = graph.filter((e) => typesOf(e).includes('CreateAction') && ids(e.instrument)[0] === mainId);
    for (const a of wfRuns) {
      const run = g.nodes.find((n) => n.props.runId === a['@id'])!;
      expect(edgesOf(g, 'INSTANCE_OF', run.urn, job!.urn)).toHaveLength(1);
    }
  });
});

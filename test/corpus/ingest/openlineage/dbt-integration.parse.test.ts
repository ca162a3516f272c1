import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapOpenLineageEvent, readOpenLineageFile, validateOpenLineageEvent } from '../../../../ingest/openlineage/index.js';
import { corpusPath } from '../../../support/corpus.js';
import { danglingEdges, edgesOf, isUuid, missingRequiredFields, uuidFrom } from '../provenance-helpers.js';

const root = corpusPath('openlineage/dbt-integration');
const schemaDir = corpusPath('openlineage/schemas');

interface Pair {
  name: string;
  dir: string;
  eventsFile: string;
  events: Array<Record<string, any>>;
  /** physical name (db.schema.table, lower-cased) → the test's stand-in capsule urn, from the manifest. */
  capsules: Map<string, string>;
}

const pairs: Pair[] = readdirSync(root)
  .filter((d) => existsSync(path.join(root, d, 'target/manifest.json')))
  .flatMap((d) => {
    const manifest = JSON.parse(readFileSync(path.join(root, d, 'target/manifest.json'), 'utf8'));
    const capsules = new Map<string, string>();
    for (const section of ['nodes', 'sources']) {
      for (const [id, n] of Object.entries<any>(manifest[section] ?? {})) {
        if (!['model', 'seed', 'snapshot', 'source'].includes(n.resource_type)) continue;
        const parts = [n.database, n.schema, n.alias ?? n.identifier ?? n.name].filter((p) => typeof p === 'string' && p !== '');
        capsules.set(parts.join('.').toLowerCase(), `urn:test:capsule:${id}`);
      }
    }
    return readdirSync(path.join(root, d))
      .filter((f) => f.endsWith('.json'))
      .map((f) => ({ name: `${d}/${f}`, dir: path.join(root, d), eventsFile: f, events: JSON.parse(readFileSync(path.join(root, d, f), 'utf8')), capsules }));
  });

/** Replaces the matcher placeholders of expected events (run ids, missing times) with concrete values. */
function concrete(ev: Record<string, any>, index: number): Record<string, any> {
  const copy = structuredClone(ev);
  copy.run ??= {};
  if (!isUuid(copy.run.runId)) copy.run.runId = uuidFrom(`${copy.job?.namespace}/${copy.job?.name}`);
  if (typeof copy.eventTime !== 'string' || Number.isNaN(Date.parse(copy.eventTime))) {
    copy.eventTime = new Date(Date.UTC(2024, 0, 1, 0, 0, index)).toISOString();
  }
  return copy;
}

describe('OpenLineage dbt integration pairs', () => {
  it('finds pairs of dbt artifacts and expected events', () => {
    expect(pairs.length).toBeGreaterThan(0);
  });

  it.each(pairs)('$name: the event array reads back through readOpenLineageFile', async ({ dir, eventsFile, events }) => {
    const read = [];
    for await (const item of readOpenLineageFile(path.join(dir, eventsFile))) read.push(item);
    expect(read.map((i) => i.event)).toEqual(events);
    expect(read.every((i) => i.error === undefined)).toBe(true);
  });

  it.each(pairs)('$name: placeholders are rejected exactly where required fields are not concrete', ({ events }) => {
    for (const ev of events) {
      const result = validateOpenLineageEvent(ev, { schemaDir });
      expect(result.errors.map((e) => e.split(' ')[0])).toEqual(missingRequiredFields(ev));
    }
  });

  it.each(pairs)('$name: datasets of dbt relations resolve to the dbt capsule, one node per table', ({ events, capsules }) => {
    const resolveDataset = (_ns: string, _name: string, physicalName: string | undefined) =>
      physicalName ? capsules.get(physicalName) : undefined;
    let expectedResolved = 0;
    events.forEach((raw, i) => {
      const ev = concrete(raw, i);
      const g = mapOpenLineageEvent(ev, { schemaDir, resolveDataset });
      expect(g.issues.filter((x) => x.severity === 'error')).toEqual([]);
      expect(danglingEdges(g)).toEqual([]);
      const run = `urn:ol:run:${ev.run.runId}`;
      for (const [side, list] of [['inputs', ev.inputs], ['outputs', ev.outputs]] as const) {
        for (const d of list ?? []) {
          const capsule = capsules.get(String(d.name).toLowerCase());
          const target = capsule ?? `urn:ol:dataset:${d.namespace}:${d.name}`;
          const edge = side === 'inputs' ? edgesOf(g, 'USED', run, target) : edgesOf(g, 'WAS_GENERATED_BY', target, run);
          expect(edge).toHaveLength(1);
          if (capsule) {
            expectedResolved += 1;
            expect(g.nodes.find((n) => n.urn === capsule)?.mode).toBe('reference');
            expect(g.nodes.some((n) => n.urn === `urn:ol:dataset:${d.namespace}:${d.name}`)).toBe(false);
          }
        }
      }
    });
    const named = events.flatMap((e) => [...(e.inputs ?? []), ...(e.outputs ?? [])]).filter((d) => capsules.has(String(d.name).toLowerCase()));
    expect(expectedResolved).toBe(named.length);
  });

  it.each(pairs)('$name: parent runs and dbt job hierarchy are linked', ({ events }) => {
    events.forEach((raw, i) => {
      const ev = concrete(raw, i);
      const parent = ev.run.facets?.parent;
      if (!parent?.run?.runId || !parent.job) return;
      const g = mapOpenLineageEvent(ev, { schemaDir });
      expect(edgesOf(g, 'CHILD_OF', `urn:ol:run:${ev.run.runId}`, `urn:ol:run:${parent.run.runId}`)).toHaveLength(
        parent.run.runId === ev.run.runId ? 0 : 1,
      );
      expect(edgesOf(g, 'INSTANCE_OF', `urn:ol:run:${parent.run.runId}`, `urn:ol:job:${parent.job.namespace}:${parent.job.name}`)).toHaveLength(1);
    });
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapOpenLineageEvent, readOpenLineageFile, runStateFromEvents, validateOpenLineageEvent } from '../../../../ingest/openlineage/index.js';
import { corpusPath } from '../../../support/corpus.js';
import { danglingEdges, edgesOf, isUuid, listFiles, missingRequiredFields, unstorable } from '../provenance-helpers.js';

const root = corpusPath('openlineage/events');
const schemaDir = corpusPath('openlineage/schemas');
const files = listFiles(root, '.json');
const events = files.map((f) => ({ file: path.relative(root, f), ev: JSON.parse(readFileSync(f, 'utf8')) as Record<string, any> }));

const STATUS: Record<string, string> = { START: 'running', RUNNING: 'running', COMPLETE: 'completed', FAIL: 'failed', ABORT: 'cancelled' };

/** Distinct lower-cased field names of a schema facet, nested fields as dotted paths. */
function fieldNames(fields: any[] | undefined, prefix = ''): string[] {
  return (fields ?? []).flatMap((f) => (typeof f?.name === 'string' ? [`${prefix}${f.name}`.toLowerCase(), ...fieldNames(f.fields, `${prefix}${f.name}.`)] : []));
}

describe('OpenLineage events corpus', () => {
  it('finds event files', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(events)('$file validates exactly as the required fields say', ({ ev }) => {
    const result = validateOpenLineageEvent(ev, { schemaDir });
    const missing = missingRequiredFields(ev);
    expect(result.errors.map((e) => e.split(' ')[0])).toEqual(missing);
    expect(result.ok).toBe(missing.length === 0);
    if (!ev.producer) expect(result.warnings).toContain('producer is missing');
    if (!ev.schemaURL) expect(result.warnings).toContain('schemaURL is missing');
  });

  it.each(events)('$file reads back through readOpenLineageFile', async ({ file, ev }) => {
    const items = [];
    for await (const item of readOpenLineageFile(path.join(root, file))) items.push(item);
    expect(items).toEqual([{ event: ev, line: 1 }]);
  });

  it('flags the facet that is only invalid against its facet schema', () => {
    const ev = events.find((e) => e.file.endsWith('event_invalid_run_facet.json'))!.ev;
    const result = validateOpenLineageEvent(ev, { schemaDir });
    expect(result.ok).toBe(true);
    expect(result.warnings.some((w) => w.startsWith('invalid facet run.facets.parent'))).toBe(true);
  });

  it.each(events.filter((e) => missingRequiredFields(e.ev).length === 0))('$file maps to a consistent graph', ({ file, ev }) => {
    const g = mapOpenLineageEvent(ev, { schemaDir, file });
    expect(g.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(danglingEdges(g)).toEqual([]);
    expect(unstorable(g)).toEqual([]);
    const job = ev.job ? `urn:ol:job:${ev.job.namespace}:${ev.job.name}` : undefined;
    if (job) expect(g.nodes.find((n) => n.urn === job)?.labels).toEqual(['Job']);
    const datasets = (list: any[] | undefined) => new Set((list ?? []).map((d) => `urn:ol:dataset:${d.namespace}:${d.name}`));
    if (ev.run) {
      const run = `urn:ol:run:${ev.run.runId}`;
      const runNode = g.nodes.find((n) => n.urn === run)!;
      expect(runNode.props.status).toBe(STATUS[ev.eventType]);
      expect(edgesOf(g, 'INSTANCE_OF', run, job)).toHaveLength(1);
      const eventNode = g.nodes.find((n) => n.labels.includes('RunEvent'))!;
      expect(JSON.parse(eventNode.props.rawJson as string)).toEqual(ev);
      expect(edgesOf(g, 'USED', run).map((e) => e.to).sort()).toEqual([...datasets(ev.inputs)].sort());
      expect(edgesOf(g, 'WAS_GENERATED_BY', undefined, run).map((e) => e.from).sort()).toEqual([...datasets(ev.outputs)].sort());
      if (ev.run.facets?.parent?.run?.runId) {
        expect(edgesOf(g, 'CHILD_OF', run, `urn:ol:run:${ev.run.facets.parent.run.runId}`)).toHaveLength(1);
      }
    }
    for (const d of [...(ev.inputs ?? []), ...(ev.outputs ?? []), ...(ev.dataset ? [ev.dataset] : [])]) {
      const urn = `urn:ol:dataset:${d.namespace}:${d.name}`;
      const cols = edgesOf(g, 'HAS_COLUMN', urn).map((e) => e.to.slice(urn.length + 1));
      for (const name of fieldNames(d.facets?.schema?.fields)) expect(cols).toContain(name);
    }
    const derived = new Set<string>();
    for (const out of ev.outputs ?? []) {
      for (const [field, info] of Object.entries<any>(out.facets?.columnLineage?.fields ?? {})) {
        for (const input of info.inputFields ?? []) {
          const direct = !input.transformations?.length || input.transformations.some((t: any) => (t.type ?? 'DIRECT') === 'DIRECT');
          if (direct) derived.add(`${out.namespace}:${out.name}#${field.toLowerCase()}<-${input.namespace}:${input.name}#${input.field.toLowerCase()}`);
        }
      }
    }
    expect(edgesOf(g, 'DERIVED_FROM').length).toBe(derived.size);
  });

  it('computes the final state of every run from its events, whatever their order', () => {
    const runs = new Map<string, any[]>();
    for (const { ev } of events) if (isUuid(ev.run?.runId)) runs.set(ev.run.runId, [...(runs.get(ev.run.runId) ?? []), ev]);
    expect(runs.size).toBeGreaterThan(0);
    for (const list of runs.values()) {
      const stateful = list.filter((e) => STATUS[e.eventType]).sort((a, b) => Date.parse(a.eventTime) - Date.parse(b.eventTime));
      const expected = stateful.length > 0 ? STATUS[stateful[stateful.length - 1].eventType] : undefined;
      expect(runStateFromEvents(list).status).toBe(expected);
      expect(runStateFromEvents([...list].reverse()).status).toBe(expected);
    }
  });
});

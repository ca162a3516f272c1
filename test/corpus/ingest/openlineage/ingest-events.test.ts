import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDbtIngest } from '../../../../src/ingestion/dbt.js';
import { ingestOpenLineage } from '../../../../src/ingestion/openlineage.js';
import { runOpenLineageIngest } from '../../../../src/ingestion/openlineage-files.js';
import type { HelixContext } from '../../../../src/app/context.js';
import { corpusPath } from '../../../support/corpus.js';
import { openTestHelix, resetGraph } from '../../../support/graph.js';

let helix: HelixContext;
beforeAll(async () => (helix = await openTestHelix()));
afterAll(async () => helix?.close());

const q = (text: string, params: Record<string, unknown> = {}) => helix.exec.runText(text, params, 'READ');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const full = path.join(dir, f);
    return statSync(full).isDirectory() ? files(full) : /\.json$/.test(f) ? [full] : [];
  });

/** What Marquez requires of a RunEvent, checked here without Helix's validator. */
function missingRequired(e: any): boolean {
  const isDatasetEvent = e.dataset && !e.run;
  const isJobEvent = e.job && !e.run && !e.dataset;
  if (!e.eventTime) return true;
  if (isDatasetEvent) return !e.dataset.namespace || !e.dataset.name;
  if (isJobEvent) return !e.job.namespace || !e.job.name;
  return !e.run?.runId || !e.job?.namespace || !e.job?.name;
}

describe('OpenLineage events of the corpus', () => {
  const dir = corpusPath('openlineage', 'events');
  const all = files(dir).map((file) => ({ file, event: JSON.parse(readFileSync(file, 'utf8')) }));

  it('ingests every valid event and rejects exactly those missing a required field', async () => {
    await resetGraph(helix);
    const report = await runOpenLineageIngest(helix.exec, dir, {});
    const invalid = all.filter((a) => missingRequired(a.event));
    expect(report.stats.accepted).toBe(all.length - invalid.length);
    expect(report.stats.rejected).toBe(invalid.length);
    const runIds = new Set(all.filter((a) => !missingRequired(a.event) && a.event.run?.runId).map((a) => a.event.run.runId));
    const [runs] = await q("MATCH (r:Run) WHERE r.urn STARTS WITH 'urn:ol:run:' AND r.reference IS NULL RETURN collect(r.runId) AS ids");
    for (const id of runIds) expect((runs?.ids as string[]).includes(id), id).toBe(true);
    const eventKeys = new Set(all.filter((a) => !missingRequired(a.event) && a.event.run?.runId && a.event.eventType).map((a) => `${a.event.run.runId}:${a.event.eventType}`));
    const [events] = await q('MATCH (e:RunEvent) RETURN count(e) AS n');
    expect(Number(events?.n)).toBeGreaterThanOrEqual(eventKeys.size);
  });

  it('changes nothing when the same events are replayed', async () => {
    const again = await runOpenLineageIngest(helix.exec, dir, {});
    const { nodes, edges } = again.write;
    expect({ n: nodes.created + nodes.updated + nodes.deleted, e: edges.created + edges.updated + edges.deleted }).toEqual({ n: 0, e: 0 });
  });
});

describe('dbt artifacts and the OpenLineage events the dbt integration emits for them', () => {
  const root = corpusPath('openlineage', 'dbt-integration');
  const cases = readdirSync(root).filter((c) => existsSync(path.join(root, c, 'target', 'manifest.json')));

  it.each(cases)('%s: a dbt model and the OpenLineage dataset of the same table are one node', async (c) => {
    await resetGraph(helix);
    const dbt = await runDbtIngest(helix.exec, path.join(root, c, 'target'), { namespace: c });
    expect(dbt.status).toBe('completed');
    const eventFiles = readdirSync(path.join(root, c)).filter((f) => f.endsWith('.json'));
    // The expected events use test matchers ({{ any(result) }}) where a producer writes ids and times.
    const events = eventFiles.flatMap((f) => {
      const text = readFileSync(path.join(root, c, f), 'utf8')
        .replace(/"\{\{\s*is_datetime\(result\)\s*\}\}"/g, '"2024-05-01T10:00:00Z"')
        .replace(/"\{\{[^"]*\}\}"/g, () => `"${randomUUID()}"`);
      const parsed = JSON.parse(text);
      // Some expected events are subset matchers that leave eventTime and runId out entirely.
      return (Array.isArray(parsed) ? parsed : [parsed]).map((e: any) => ({
        ...e,
        eventTime: e.eventTime ?? '2024-05-01T10:00:00Z',
        run: { ...e.run, runId: e.run?.runId ?? randomUUID() },
      }));
    });
    const result = await ingestOpenLineage(helix.exec, events.map((event) => ({ event })));
    expect(result.accepted).toBeGreaterThan(0);
    const tableNames = new Set(
      events.flatMap((e: any) => [...(e.inputs ?? []), ...(e.outputs ?? [])]).map((d: any) => String(d.name).toLowerCase()),
    );
    const capsules = await q('MATCH (c:Capsule {namespace: $ns}) WHERE c.physicalName IN $names RETURN c.physicalName AS p, c.urn AS urn', {
      ns: c,
      names: [...tableNames],
    });
    const namesDbtKnows = await q('MATCH (c:Capsule {namespace: $ns}) WHERE c.physicalName IS NOT NULL RETURN collect(c.physicalName) AS p', { ns: c });
    const shared = [...tableNames].filter((n) => (namesDbtKnows[0]?.p as string[]).includes(n));
    expect(capsules.length).toBe(shared.length);
    for (const cap of capsules) {
      const [dupes] = await q('MATCH (d:Dataset {physicalName: $p}) RETURN count(d) AS n', { p: cap.p });
      expect(dupes?.n, String(cap.p)).toBe(0);
      const [runs] = await q('MATCH (c:Capsule {urn: $urn}) OPTIONAL MATCH (c)-[:WAS_GENERATED_BY]->(r:Run) OPTIONAL MATCH (u:Run)-[:USED]->(c) RETURN count(r) + count(u) AS n', { urn: cap.urn });
      expect(Number(runs?.n), String(cap.urn)).toBeGreaterThan(0);
    }
  });
});

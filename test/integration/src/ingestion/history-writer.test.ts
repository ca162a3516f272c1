import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode, MappedGraph } from '../../../../ingest/core/graph.js';
import { historyDaysFromEnv, writeGraph } from '../../../../src/ingestion/writer.js';
import type { HelixContext } from '../../../../src/app/context.js';
import { openTestHelix, resetGraph } from '../../../support/graph.js';

let helix: HelixContext;
beforeAll(async () => (helix = await openTestHelix()));
afterAll(async () => helix?.close());
beforeEach(async () => resetGraph(helix));
afterEach(() => {
  delete process.env.HELIX_HISTORY_DAYS;
});

const model = (id: string, description = 'first'): GraphNode => ({ urn: `urn:dbt:h:${id}`, labels: ['Capsule', 'Model'], props: { name: id, description } });
const flow = (a: string, b: string): GraphEdge => ({ type: 'FLOWS_TO', from: `urn:dbt:h:${a}`, to: `urn:dbt:h:${b}` });
const derived = (a: string, b: string, transformation: string): GraphEdge => ({ type: 'DERIVED_FROM', from: `urn:dbt:h:${a}`, to: `urn:dbt:h:${b}`, props: { transformation } });
const graph = (nodes: GraphNode[], edges: GraphEdge[]): MappedGraph => ({ nodes, edges, issues: [] });
const rows = (q: string, p: Record<string, unknown> = {}) => helix.exec.runText(q, p, 'READ');
const count = async (q: string) => Number((await rows(q))[0]?.n);
const snapshot = (o: { ingestionId?: string; allowMassDelete?: boolean; historyDays?: number } = {}) => ({ scope: 'dbt:h', deleteMissing: true, ...o });

const ten = Array.from({ length: 10 }, (_, i) => model(`m${i}`));
const chain = [flow('m0', 'm1'), flow('m1', 'm2'), flow('m2', 'm3'), derived('m3', 'm4', 'identity')];

describe('history kept by snapshot writes', () => {
  it('closes a node and its relationships with the ingestion that removed them, and keeps changed content', async () => {
    await writeGraph(helix.exec, graph(ten, chain), snapshot({ ingestionId: 'i-1' }));
    // Another scope's relationship to a node this scope will remove is closed with it.
    await writeGraph(helix.exec, graph([], [flow('m9', 'm2')]), { scope: 'other', deleteMissing: false });
    const next = ten.filter((n) => n.urn !== 'urn:dbt:h:m2').map((n) => (n.urn === 'urn:dbt:h:m0' ? model('m0', 'second') : n));
    const r = await writeGraph(helix.exec, graph(next, [flow('m0', 'm1'), derived('m3', 'm4', 'expression')]), snapshot({ ingestionId: 'i-2' }));
    expect(r.report.nodes).toMatchObject({ updated: 1, deleted: 1 });
    // Current answers: the live graph no longer has m2 nor its relationships.
    expect(await count("MATCH (n:Node {urn: 'urn:dbt:h:m2'}) RETURN count(n) AS n")).toBe(0);
    expect(await count('MATCH (:Node)-[r]->(:Node) RETURN count(r) AS n')).toBe(2);
    const nodes = await rows('MATCH (v:NodeVersion) RETURN v.urn AS urn, v.description AS d, v.versionEnd AS end, v.versionTo AS by, v.versionLabels AS labels ORDER BY urn');
    expect(nodes).toEqual([
      { urn: 'urn:dbt:h:m0', d: 'first', end: 'changed', by: 'i-2', labels: ['Capsule', 'Model'] },
      { urn: 'urn:dbt:h:m2', d: 'first', end: 'closed', by: 'i-2', labels: ['Capsule', 'Model'] },
    ]);
    const edges = await rows(
      'MATCH (e:EdgeVersion) RETURN e.edgeFrom AS from, e.edgeType AS type, e.edgeTo AS to, e.versionEnd AS end, e.versionTo AS by, e.transformation AS t, e.versionScope AS scope ORDER BY from, to',
    );
    expect(edges).toEqual([
      { from: 'urn:dbt:h:m1', type: 'FLOWS_TO', to: 'urn:dbt:h:m2', end: 'closed', by: 'i-2', t: null, scope: 'dbt:h' },
      { from: 'urn:dbt:h:m2', type: 'FLOWS_TO', to: 'urn:dbt:h:m3', end: 'closed', by: 'i-2', t: null, scope: 'dbt:h' },
      { from: 'urn:dbt:h:m3', type: 'DERIVED_FROM', to: 'urn:dbt:h:m4', end: 'changed', by: 'i-2', t: 'identity', scope: 'dbt:h' },
      { from: 'urn:dbt:h:m9', type: 'FLOWS_TO', to: 'urn:dbt:h:m2', end: 'closed', by: 'i-2', t: null, scope: 'other' },
    ]);
    // Each version ends where the next begins.
    const [m0] = await rows(
      "MATCH (v:NodeVersion {urn: 'urn:dbt:h:m0'}), (n:Node {urn: 'urn:dbt:h:m0'}) RETURN v.versionToAt <= n.writtenAt AS ordered, v.versionFromAt < v.versionToAt AS spans",
    );
    expect(m0).toEqual({ ordered: true, spans: true });
  });

  it('an unchanged rewrite and an accumulating (non-snapshot) write keep no versions', async () => {
    await writeGraph(helix.exec, graph(ten, chain), snapshot());
    await writeGraph(helix.exec, graph(ten, chain), snapshot());
    await writeGraph(helix.exec, graph([model('m0', 'other')], []), { scope: 'dbt:h', deleteMissing: false, mergeProps: true });
    expect(await count('MATCH (v:NodeVersion) RETURN count(v) AS n')).toBe(0);
    expect(await count('MATCH (v:EdgeVersion) RETURN count(v) AS n')).toBe(0);
  });

  it('the mass-delete guard counts what would be closed, and refusing closes nothing', async () => {
    await writeGraph(helix.exec, graph(ten, chain), snapshot());
    await expect(writeGraph(helix.exec, graph(ten.slice(0, 7), []), snapshot())).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await count('MATCH (n:Node) RETURN count(n) AS n')).toBe(10);
    expect(await count('MATCH (v:NodeVersion) RETURN count(v) AS n')).toBe(0);
    expect(await count('MATCH (v:EdgeVersion) RETURN count(v) AS n')).toBe(0);
    const r = await writeGraph(helix.exec, graph(ten.slice(0, 7), []), snapshot({ allowMassDelete: true }));
    expect(r.report.nodes.deleted).toBe(3);
    expect(await count("MATCH (v:NodeVersion {versionEnd: 'closed'}) RETURN count(v) AS n")).toBe(3);
  });

  it('HELIX_HISTORY_DAYS prunes versions and closed elements that ended before the retention', async () => {
    await writeGraph(helix.exec, graph(ten, chain), snapshot());
    await writeGraph(helix.exec, graph(ten.slice(0, 9).map((n, i) => (i === 0 ? model('m0', 'second') : n)), chain), snapshot());
    expect(await count('MATCH (v:NodeVersion) RETURN count(v) AS n')).toBe(2);
    // Time passes: the closed m9 ended 40 days ago.
    await helix.exec.runText("MATCH (v:NodeVersion {urn: 'urn:dbt:h:m9'}) SET v.versionToAt = datetime() - duration('P40D')", {}, 'WRITE');
    const before = await count("MATCH (m:HelixMeta {id: 'graph'}) RETURN m.version AS n");
    process.env.HELIX_HISTORY_DAYS = '30';
    await writeGraph(helix.exec, graph(ten.slice(0, 9).map((n, i) => (i === 0 ? model('m0', 'second') : n)), chain), snapshot());
    expect(await rows('MATCH (v:NodeVersion) RETURN v.urn AS urn')).toEqual([{ urn: 'urn:dbt:h:m0' }]);
    // Cached answers about the pruned past are invalidated.
    expect(await count("MATCH (m:HelixMeta {id: 'graph'}) RETURN m.version AS n")).toBeGreaterThan(before);
    // An explicit retention wins over the environment; a recent version stays.
    await writeGraph(helix.exec, graph(ten.slice(0, 9), chain), snapshot({ historyDays: 0.5 }));
    expect(await count('MATCH (v:NodeVersion) RETURN count(v) AS n')).toBe(2);
  });

  it('reads HELIX_HISTORY_DAYS strictly', () => {
    expect(historyDaysFromEnv({})).toBeUndefined();
    expect(historyDaysFromEnv({ HELIX_HISTORY_DAYS: ' 90 ' })).toBe(90);
    expect(() => historyDaysFromEnv({ HELIX_HISTORY_DAYS: 'forever' })).toThrow(/HELIX_HISTORY_DAYS/);
    expect(() => historyDaysFromEnv({ HELIX_HISTORY_DAYS: '0' })).toThrow(/positive/);
  });
});

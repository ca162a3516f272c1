import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelixContext } from '../../../../../src/app/context.js';
import type { SyntheticGraph } from '../../../../../bench/lineage-graph.js';
import { adjacency, bfs, graphqlClient, strictClient, openSyntheticLineage } from './helpers.js';

let helix: HelixContext;
let g: SyntheticGraph;
let gql: ReturnType<typeof strictClient>;

beforeAll(async () => ({ helix, g, gql } = await openSyntheticLineage({ capsules: 250, seed: 11, projectSize: 120 }, 'test:paths-impact')));
afterAll(async () => helix?.close());

const PATHS = `query($from: ID!, $to: ID!, $k: Int, $maxHops: Int, $level: LineageLevel) {
  lineagePath(from: $from, to: $to, k: $k, maxHops: $maxHops, level: $level) {
    direction length nodes { urn distance } edges { from to type }
  }
}`;

/** The `k` smallest lengths (with repeats) of the paths from a to b in a DAG, each at most maxHops long. */
function shortestPathLengths(a: string, b: string, out: Map<string, string[]>, maxHops: number, k: number): number[] {
  const memo = new Map<string, number[]>(); // per node: number of paths to b by length
  const counts = (u: string): number[] => {
    if (u === b) return [1];
    const cached = memo.get(u);
    if (cached) return cached;
    const byLength: number[] = [];
    for (const v of out.get(u) ?? []) {
      counts(v).forEach((n, len) => {
        if (len + 1 <= maxHops) byLength[len + 1] = (byLength[len + 1] ?? 0) + n;
      });
    }
    memo.set(u, byLength);
    return byLength;
  };
  const lengths: number[] = [];
  counts(a).forEach((n, len) => {
    for (let i = 0; i < n && lengths.length < k; i++) lengths.push(len);
  });
  return lengths;
}

describe('lineagePath', () => {
  it('returns the k shortest paths, valid along FLOWS_TO, in whichever direction data flows', async () => {
    const { out } = adjacency(g.flows);
    const flows = new Set(g.flows.map(([a, b]) => `${a}>${b}`));
    const pairs: Array<[string, string, number]> = [];
    for (const a of [...g.projects.values()].flat().filter((_, i) => i % 9 === 0)) {
      for (const [b, d] of bfs(a, out)) if (d >= 2 && pairs.filter((p) => p[0] === a).length < 2) pairs.push([a, b, d]);
    }
    expect(pairs.length).toBeGreaterThan(8);
    for (const [a, b, distance] of pairs) {
      const expected = shortestPathLengths(a, b, out, 10, 3);
      const { lineagePath } = await gql(PATHS, { from: a, to: b, k: 3 });
      expect(lineagePath.map((p: any) => p.length)).toEqual(expected);
      expect(lineagePath[0].length).toBe(distance);
      const seen = new Set<string>();
      for (const p of lineagePath) {
        expect(p.direction).toBe('DOWNSTREAM');
        expect(p.nodes[0].urn).toBe(a);
        expect(p.nodes.at(-1).urn).toBe(b);
        expect(p.nodes.map((n: any) => n.distance)).toEqual(p.nodes.map((_: unknown, i: number) => i));
        for (let i = 0; i + 1 < p.nodes.length; i++) expect(flows.has(`${p.nodes[i].urn}>${p.nodes[i + 1].urn}`)).toBe(true);
        seen.add(p.nodes.map((n: any) => n.urn).join(' '));
      }
      expect(seen.size).toBe(lineagePath.length);
      const reverse = await gql(PATHS, { from: b, to: a, k: 1 });
      expect(reverse.lineagePath[0]).toMatchObject({ direction: 'UPSTREAM', length: distance });
      expect(reverse.lineagePath[0].nodes[0].urn).toBe(b);
      const tooShort = await gql(PATHS, { from: a, to: b, maxHops: distance - 1 });
      expect(tooShort.lineagePath).toEqual([]);
    }
  });

  it('finds column paths along DERIVED_FROM, answers [] for unconnected nodes and NOT_FOUND for unknown ones', async () => {
    const { inn: toDownstream } = adjacency(g.derived);
    const [col, d] = [...new Set(g.derived.map(([, up]) => up))]
      .map((c) => [c, [...bfs(c, toDownstream)].find(([, dist]) => dist === 2)] as const)
      .find(([, hit]) => hit)!;
    const { lineagePath } = await gql(PATHS, { from: col, to: d![0], level: 'COLUMN' });
    expect(lineagePath[0]).toMatchObject({ direction: 'DOWNSTREAM', length: 2 });
    expect(lineagePath[0].edges.every((e: any) => e.type === 'DERIVED_FROM')).toBe(true);
    const projects = [...g.projects.values()];
    const none = await gql(PATHS, { from: projects[0]![0], to: projects[1]![0] });
    expect(none.lineagePath).toEqual([]);
    const missing = await graphqlClient(helix)(PATHS, { from: projects[0]![0], to: 'urn:dbt:nope:model.nope.x' });
    expect(missing.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });
});

const IMPACT = `query($urn: ID!, $level: LineageLevel, $first: Int, $after: String) {
  impact(urn: $urn, level: $level) {
    root total truncated testsAffected
    byType { key count } byNamespace { key count } byDomain { key name count } byDataProduct { key count }
    owners { key count } exposures { urn }
    affected(first: $first, after: $after) { totalCount edges { cursor node { urn distance } } pageInfo { hasNextPage endCursor } }
  }
}`;

describe('impact', () => {
  it('counts what is downstream by type, namespace, domain and owner, with tests and exposures, paged', async () => {
    const { out } = adjacency(g.flows);
    const labels = new Map(g.nodes.map((n) => [n.urn, n.labels]));
    const namespace = new Map(g.nodes.map((n) => [n.urn, n.props.namespace as string | undefined]));
    const [root, reach] = [...g.projects.values()]
      .flat()
      .map((u) => [u, bfs(u, out)] as const)
      .sort((a, b) => b[1].size - a[1].size)[0]!;
    const affected = [...reach.keys()].filter((u) => u !== root);
    const count = (keys: Array<string | undefined>) => {
      const m = new Map<string, number>();
      for (const k of keys) if (k) m.set(k, (m.get(k) ?? 0) + 1);
      return Object.fromEntries(m);
    };
    const edgesOf = (type: string) => g.edges.filter((e) => e.type === type && affected.includes(e.from));
    const tests = new Set(g.edges.filter((e) => e.type === 'TESTS' && affected.includes(e.to)).map((e) => e.from));

    const urns: string[] = [];
    let after: string | null = null;
    let report: any;
    do {
      ({ impact: report } = await gql(IMPACT, { urn: root, first: 7, after }));
      urns.push(...report.affected.edges.map((e: any) => e.node.urn));
      after = report.affected.pageInfo.hasNextPage ? report.affected.pageInfo.endCursor : null;
    } while (after);
    expect(urns).toHaveLength(affected.length);
    expect(new Set(urns)).toEqual(new Set(affected));
    expect(report.total).toBe(affected.length);
    expect(report.truncated).toBe(false);
    const asMap = (xs: any[]) => Object.fromEntries(xs.map((x) => [x.key, x.count]));
    expect(asMap(report.byType)).toEqual(count(affected.map((u) => labels.get(u)!.find((l) => l !== 'Capsule'))));
    expect(asMap(report.byNamespace)).toEqual(count(affected.map((u) => namespace.get(u))));
    expect(asMap(report.byDomain)).toEqual(count(edgesOf('IN_DOMAIN').map((e) => e.to)));
    expect(asMap(report.owners)).toEqual(count(edgesOf('OWNED_BY').map((e) => e.to)));
    expect(report.byDataProduct).toEqual([]);
    expect(report.testsAffected).toBe(tests.size);
    expect(report.exposures.map((e: any) => e.urn).sort()).toEqual(affected.filter((u) => labels.get(u)!.includes('Exposure')).sort());
  });

  it('works at column level: downstream columns and the exposures they reach', async () => {
    const { inn: toDownstream } = adjacency(g.derived);
    const [col, reach] = [...new Set(g.derived.map(([, up]) => up))]
      .map((c) => [c, bfs(c, toDownstream)] as const)
      .sort((a, b) => b[1].size - a[1].size)[0]!;
    const exposures = new Set(g.flows.filter(([capsule, e]) => e.includes(':exposure.') && [...reach.keys()].some((c) => c.startsWith(`${capsule}#`))).map(([, e]) => e));
    const { impact } = await gql(IMPACT, { urn: col, level: 'COLUMN', first: 500 });
    expect(impact.total).toBe(reach.size - 1 + exposures.size);
    expect(impact.byType.find((t: any) => t.key === 'Column').count).toBe(reach.size - 1);
    expect(new Set(impact.exposures.map((e: any) => e.urn))).toEqual(exposures);
  });
});

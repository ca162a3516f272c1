import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelixContext } from '../../../../../src/app/context.js';
import type { SyntheticGraph } from '../../../../../bench/lineage-graph.js';
import { adjacency, bfs, induced, strictClient, openSyntheticLineage } from './helpers.js';

let helix: HelixContext;
let g: SyntheticGraph;
let gql: ReturnType<typeof strictClient>;

beforeAll(async () => ({ helix, g, gql } = await openSyntheticLineage({ capsules: 400, seed: 7, projectSize: 70, crossProjectShare: 0.4 }, 'test:lineage-sets')));
afterAll(async () => helix?.close());

const LINEAGE = `query($urn: ID!, $direction: LineageDirection, $depth: Int, $level: LineageLevel, $limit: Int) {
  lineage(urn: $urn, direction: $direction, depth: $depth, level: $level, limit: $limit) {
    root depth limit truncated truncatedFrontier
    nodes { urn type distance direction }
    edges { from to type transformation via }
  }
}`;

const capsules = () => [...g.projects.values()].flat();
/** A spread of roots: every 37th capsule (sources, models, exposures, metrics of many projects). */
const sampled = () => capsules().filter((_, i) => i % 37 === 5);

describe('table lineage equals breadth-first search over the written FLOWS_TO edges', () => {
  it.each([1, 3, null])('at depth %s, in every direction', async (depth) => {
    const { out, inn } = adjacency(g.flows);
    const roots = sampled();
    expect(roots.length).toBeGreaterThanOrEqual(10);
    let nonTrivial = 0;
    for (const urn of roots) {
      const up = bfs(urn, inn, depth ?? Infinity);
      const down = bfs(urn, out, depth ?? Infinity);
      for (const direction of ['UPSTREAM', 'DOWNSTREAM', 'BOTH'] as const) {
        const { lineage } = await gql(LINEAGE, { urn, direction, depth, limit: 5000 });
        const sides = direction === 'UPSTREAM' ? [up] : direction === 'DOWNSTREAM' ? [down] : [up, down];
        const expectedNodes = new Set(sides.flatMap((s) => [...s.keys()]));
        const expectedEdges = [...new Set(sides.flatMap((s) => induced(g.flows, new Set(s.keys()))))].sort();
        expect(new Set(lineage.nodes.map((n: any) => n.urn))).toEqual(expectedNodes);
        expect(lineage.edges.map((e: any) => `${e.from}>${e.to}`).sort()).toEqual(expectedEdges);
        expect(lineage.edges.every((e: any) => e.type === 'FLOWS_TO')).toBe(true);
        for (const n of lineage.nodes) {
          const side = n.direction === 'UPSTREAM' ? up : n.direction === 'DOWNSTREAM' ? down : undefined;
          expect(side ? side.get(n.urn) : 0).toBe(n.distance);
        }
        expect(lineage.nodes[0]).toMatchObject({ urn, distance: 0, direction: null });
        expect(lineage.truncated).toBe(false);
        expect(lineage.depth).toBe(depth ?? 50);
        if (expectedNodes.size > 3) nonTrivial++;
      }
    }
    expect(nonTrivial).toBeGreaterThan(3);
  });
});

describe('type filter', () => {
  it('neither returns nor walks through nodes of other types', async () => {
    const type = new Map(g.nodes.map((n) => [n.urn, n.labels.find((l) => l !== 'Capsule')!]));
    const keep = (allowed: (t: string) => boolean) => (edges: Array<[string, string]>) =>
      edges.filter(([a, b]) => allowed(type.get(a)!) && allowed(type.get(b)!));
    const cases = [
      { filter: { excludeTypes: ['Source'] }, allowed: (t: string) => t !== 'Source' },
      { filter: { types: ['Model', 'Exposure'] }, allowed: (t: string) => t === 'Model' || t === 'Exposure' },
    ];
    const query = `query($urn: ID!, $filter: LineageFilter) { lineage(urn: $urn, filter: $filter, limit: 5000) { nodes { urn } } }`;
    let narrowed = 0;
    for (const { filter, allowed } of cases) {
      for (const urn of sampled().filter((u) => type.get(u) === 'Model')) {
        const { out, inn } = adjacency(keep(allowed)(g.flows));
        const expected = new Set([...bfs(urn, inn).keys(), ...bfs(urn, out).keys()]);
        const { lineage } = await gql(query, { urn, filter });
        expect(new Set(lineage.nodes.map((n: any) => n.urn))).toEqual(expected);
        const { out: allOut, inn: allInn } = adjacency(g.flows);
        if (new Set([...bfs(urn, allInn).keys(), ...bfs(urn, allOut).keys()]).size > expected.size) narrowed++;
      }
    }
    expect(narrowed).toBeGreaterThan(0);
  });
});

describe('column lineage', () => {
  it('follows DERIVED_FROM both ways and reaches exposures fed by downstream columns', async () => {
    const { out: toUpstream, inn: toDownstream } = adjacency(g.derived);
    const exposures = new Set(capsules().filter((u) => u.includes(':exposure.')));
    const feeds = g.flows.filter(([, b]) => exposures.has(b));
    const roots = [...new Set(g.derived.map(([, up]) => up))].filter((_, i) => i % 53 === 0).slice(0, 12);
    let reachedExposure = 0;
    for (const urn of roots) {
      const up = bfs(urn, toUpstream);
      const down = bfs(urn, toDownstream);
      const fed = feeds.filter(([capsule]) => [...down.keys()].some((c) => c.split('#')[0] === capsule));
      const { lineage } = await gql(LINEAGE, { urn, direction: 'BOTH', level: 'COLUMN', limit: 5000 });
      const expected = new Set([...up.keys(), ...down.keys(), ...fed.map(([, e]) => e)]);
      expect(new Set(lineage.nodes.map((n: any) => n.urn))).toEqual(expected);
      const derivedEdges = lineage.edges.filter((e: any) => e.type === 'DERIVED_FROM').map((e: any) => `${e.from}>${e.to}`).sort();
      const expectedDerived = [...new Set([...induced(g.derived, new Set(up.keys())), ...induced(g.derived, new Set(down.keys()))])].sort();
      expect(derivedEdges).toEqual(expectedDerived);
      const exposureEdges = lineage.edges.filter((e: any) => e.type === 'FEEDS_EXPOSURE');
      for (const e of exposureEdges) {
        expect(down.has(e.from)).toBe(true);
        expect(g.flows.some(([a, b]) => a === e.via && b === e.to && e.from.startsWith(`${a}#`))).toBe(true);
      }
      expect(new Set(exposureEdges.map((e: any) => e.to))).toEqual(new Set(fed.map(([, e]) => e)));
      if (fed.length > 0) reachedExposure++;
    }
    expect(reachedExposure).toBeGreaterThan(0);
  });

  it('refuses a capsule as the root of column lineage, and a column for table lineage', async () => {
    const client = (await import('./helpers.js')).graphqlClient(helix);
    const capsule = capsules()[3]!;
    const column = g.derived[0]![0];
    const r1 = await client(LINEAGE, { urn: capsule, level: 'COLUMN' });
    expect(r1.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(r1.errors?.[0]?.message).toContain('is not a Column');
    const r2 = await client(LINEAGE, { urn: column, level: 'TABLE' });
    expect(r2.errors?.[0]?.message).toContain('is a Column');
  });
});

describe('node limit', () => {
  it('keeps the nearest nodes, says it truncated, and names the frontier to expand next', async () => {
    const { out } = adjacency(g.flows);
    const [urn, full] = capsules()
      .map((u) => [u, bfs(u, out)] as const)
      .sort((a, b) => b[1].size - a[1].size)[0]!;
    expect(full.size).toBeGreaterThan(12);
    const { lineage } = await gql(LINEAGE, { urn, direction: 'DOWNSTREAM', limit: 8 });
    expect(lineage.nodes).toHaveLength(8);
    expect(lineage.truncated).toBe(true);
    const kept = new Set<string>(lineage.nodes.map((n: any) => n.urn));
    const maxKept = Math.max(...lineage.nodes.map((n: any) => full.get(n.urn)!));
    const minCut = Math.min(...[...full].filter(([u]) => !kept.has(u)).map(([, d]) => d));
    expect(maxKept).toBeLessThanOrEqual(minCut);
    expect(lineage.truncatedFrontier.length).toBeGreaterThan(0);
    for (const f of lineage.truncatedFrontier) {
      expect(kept.has(f)).toBe(true);
      expect((out.get(f) ?? []).some((child) => !kept.has(child))).toBe(true);
    }
    for (const u of kept) {
      const cut = (out.get(u) ?? []).some((child) => !kept.has(child));
      if (cut && (full.get(u) ?? 0) < 50) expect(lineage.truncatedFrontier).toContain(u);
    }
    expect(lineage.edges.every((e: any) => kept.has(e.from) && kept.has(e.to))).toBe(true);
  });
});

describe('nodes alone (the read without edges, frontier and exposures)', () => {
  it('answers the nodes of the full read, in its order, for every direction, level, depth, limit and filter', async () => {
    const NODES = `query($urn: ID!, $direction: LineageDirection, $depth: Int, $level: LineageLevel, $limit: Int, $filter: LineageFilter) {
      lineage(urn: $urn, direction: $direction, depth: $depth, level: $level, limit: $limit, filter: $filter) { nodes { urn type distance direction } }
    }`;
    const FULL = NODES.replace('{ nodes {', '{ truncated truncatedFrontier edges { from to } nodes {');
    const columns = [...new Set(g.derived.map(([, up]) => up))].filter((_, i) => i % 97 === 0).slice(0, 2);
    const roots = sampled().slice(0, 4);
    const cases = [
      ...roots.flatMap((urn) =>
        (['UPSTREAM', 'DOWNSTREAM', 'BOTH'] as const).flatMap((direction) => [
          { urn, direction, depth: 3 },
          { urn, direction, limit: 5 },
        ]),
      ),
      ...roots.map((urn) => ({ urn, direction: 'UPSTREAM', filter: { excludeTypes: ['Source'] } })),
      ...columns.flatMap((urn) => (['UPSTREAM', 'DOWNSTREAM'] as const).map((direction) => ({ urn, direction, level: 'COLUMN', limit: 6 }))),
    ];
    let cut = 0;
    for (const c of cases) {
      const [alone, full] = [(await gql(NODES, c)).lineage, (await gql(FULL, c)).lineage];
      expect(alone.nodes).toEqual(full.nodes);
      if (full.truncated) cut++;
    }
    expect(cut).toBeGreaterThan(1);
  });

  it('answers a missing root as NOT_FOUND', async () => {
    const client = (await import('./helpers.js')).graphqlClient(helix);
    const r = await client(`{ lineage(urn: "urn:dbt:nowhere:model.nowhere.x", direction: UPSTREAM) { nodes { urn } } }`, {});
    expect(r.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });
});

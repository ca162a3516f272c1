import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelixContext } from '../../../../../src/app/context.js';
import { captureCounters, cypher, errorCodes, graphqlClient, strictClient } from '../bio/helpers.js';
import { ingestOpenLineage } from '../../../../../src/ingestion/openlineage.js';
import { bioRunner } from '../../../../../src/ingestion/bio.js';
import { fixturePath } from '../../../../support/corpus.js';
import { CROSS_OUTPUT, CROSS_RUN_ID, DBT_INPUT, openProvenanceGraph } from './setup.js';

let helix: HelixContext;
let gql: ReturnType<typeof strictClient>;
let raw: ReturnType<typeof graphqlClient>;

beforeAll(async () => ({ helix, gql, raw } = await openProvenanceGraph()), 300_000);
afterAll(async () => helix?.close());

interface Edge {
  from: string;
  to: string;
  type: string;
}

/**
 * The provenance relations, computed here from the raw graph: stored PROV edges, plus what dbt results imply —
 * a capsule WAS_GENERATED_BY each invocation that built it successfully, and an invocation USED the capsules
 * upstream of what it built that it did not build.
 */
async function provenanceEdges(): Promise<Edge[]> {
  const stored = await cypher(
    helix,
    `MATCH (a)-[r:WAS_GENERATED_BY|USED|WAS_DERIVED_FROM|DERIVED_FROM|DEPENDS_ON|CHILD_OF|WAS_INFORMED_BY|PART_OF_RUN|INSTANCE_OF|FLOWS_TO|
       WAS_ASSOCIATED_WITH|WAS_ATTRIBUTED_TO|ACTED_ON_BEHALF_OF|FROM_SOURCE|CITES|QUERY|REFERENCE|REVEALS]->(b)
     RETURN a.urn AS from, b.urn AS to, type(r) AS type`,
  );
  const edges = stored.map((r) => ({ from: String(r.from), to: String(r.to), type: String(r.type) }));
  const results = await cypher(helix, 'MATCH (c:Capsule)<-[:RESULT_OF]-(r:RunResult)-[:IN_INVOCATION]->(i:Invocation) RETURN c.urn AS c, i.urn AS i, r.status AS status');
  const built = new Map<string, Set<string>>();
  for (const r of results.filter((x) => x.status === 'success')) {
    edges.push({ from: String(r.c), to: String(r.i), type: 'WAS_GENERATED_BY' });
    built.set(String(r.i), (built.get(String(r.i)) ?? new Set()).add(String(r.c)));
  }
  const flows = edges.filter((e) => e.type === 'FLOWS_TO');
  for (const [inv, capsules] of built) {
    for (const f of flows) if (capsules.has(f.to) && !capsules.has(f.from)) edges.push({ from: inv, to: f.from, type: 'USED' });
  }
  return [...new Map(edges.map((e) => [`${e.from}|${e.type}|${e.to}`, e])).values()];
}

/** Breadth-first distances: HOW_MADE walks edges forward (FLOWS_TO and REVEALS backward), WHAT_USED the other way. */
function expected(edges: Edge[], root: string, direction: 'HOW_MADE' | 'WHAT_USED') {
  const next = new Map<string, Array<{ node: string; edge: Edge }>>();
  const add = (a: string, node: string, edge: Edge) => (next.get(a) ?? next.set(a, []).get(a)!).push({ node, edge });
  for (const e of edges) {
    const forward = (e.type === 'FLOWS_TO' || e.type === 'REVEALS') === (direction === 'WHAT_USED');
    if (forward) add(e.from, e.to, e);
    else add(e.to, e.from, e);
  }
  const dist = new Map([[root, 0]]);
  let frontier = [root];
  while (frontier.length > 0) {
    const following: string[] = [];
    for (const u of frontier) {
      for (const { node } of next.get(u) ?? []) {
        if (dist.has(node)) continue;
        dist.set(node, dist.get(u)! + 1);
        following.push(node);
      }
    }
    frontier = following;
  }
  const walked = [...next.entries()].flatMap(([u, list]) => (dist.has(u) ? list.filter((l) => dist.has(l.node)).map((l) => l.edge) : []));
  return { dist, edges: [...new Set(walked.map((e) => `${e.from}|${e.type}|${e.to}`))].sort() };
}

const PROVENANCE = `query($urn: ID!, $direction: ProvenanceDirection, $depth: Int, $limit: Int) {
  provenance(urn: $urn, direction: $direction, depth: $depth, limit: $limit) {
    root direction depth limit truncated
    nodes { urn type name distance kind }
    edges { from to type via }
  }
}`;

describe('provenance(urn, direction, depth, limit)', () => {
  it('matches a breadth-first walk of the raw graph from every kind of root, both ways', async () => {
    const edges = await provenanceEdges();
    const roots = [
      CROSS_OUTPUT,
      DBT_INPUT,
      'urn:file:https://example.org/crates/demo-run/final.txt',
      'urn:file:abc123',
      'urn:imputation:job:job-1',
      'urn:file:ab12cd34',
      'urn:ol:dataset:postgres://db:5432:analytics.public.orders',
      'urn:prov:entity:http://example.org/report',
      'urn:dbt:invocation:inv-run-1',
      'urn:strategy:demo_protein_mapping:1.0',
      ...(await cypher(helix, 'MATCH (a:Agent) WITH a ORDER BY a.urn LIMIT 2 RETURN a.urn AS urn')).map((r) => String(r.urn)),
      ...(await cypher(helix, 'MATCH (c:Column)-[:DEPENDS_ON]->() WITH c ORDER BY c.urn LIMIT 1 RETURN c.urn AS urn')).map((r) => String(r.urn)),
    ];
    expect(roots.length).toBe(13);
    for (const root of roots) {
      for (const direction of ['HOW_MADE', 'WHAT_USED'] as const) {
        const want = expected(edges, root, direction);
        const got = (await gql(PROVENANCE, { urn: root, direction, limit: 5000 })).provenance;
        expect(got.truncated, `${root} ${direction}`).toBe(false);
        expect(Object.fromEntries(got.nodes.map((n: any) => [n.urn, n.distance])), `${root} ${direction}`).toEqual(Object.fromEntries(want.dist));
        expect(got.nodes[0].urn).toBe(root);
        expect(got.edges.map((e: any) => `${e.from}|${e.type}|${e.to}`).sort(), `${root} ${direction}`).toEqual(want.edges);
      }
    }
  });

  it('crosses worlds: an OpenLineage output is made from a dbt model, its upstream seed and the invocation that built it', async () => {
    const g = (await gql(PROVENANCE, { urn: CROSS_OUTPUT, direction: 'HOW_MADE' })).provenance;
    const byUrn = new Map(g.nodes.map((n: any) => [n.urn, n]));
    expect(byUrn.get(`urn:ol:run:${CROSS_RUN_ID}`)).toMatchObject({ type: 'Run', kind: 'openlineage', distance: 1 });
    expect(byUrn.get(DBT_INPUT)).toMatchObject({ type: 'Model', distance: 2 });
    expect(byUrn.get('urn:dbt:shop:seed.shop.raw_orders')).toMatchObject({ type: 'Seed', distance: 3 });
    expect(byUrn.get('urn:dbt:invocation:inv-run-1')).toMatchObject({ type: 'Invocation', kind: 'dbt', distance: 3 });
    const built = g.edges.find((e: any) => e.from === DBT_INPUT && e.type === 'WAS_GENERATED_BY');
    expect(built).toEqual({ from: DBT_INPUT, to: 'urn:dbt:invocation:inv-run-1', type: 'WAS_GENERATED_BY', via: 'urn:dbt:shop:result:inv-run-1:model.shop.stg_orders' });

    const down = (await gql(PROVENANCE, { urn: 'urn:dbt:shop:seed.shop.raw_orders', direction: 'WHAT_USED' })).provenance;
    expect(down.nodes.map((n: any) => n.urn)).toEqual(expect.arrayContaining([DBT_INPUT, `urn:ol:run:${CROSS_RUN_ID}`, CROSS_OUTPUT]));
  });

  it('crosses into bio: a mutation was revealed by an alignment of two sequences, an annotation comes from a source version', async () => {
    await bioRunner('alignments', 'alignments')(helix.exec, fixturePath('bio/alignments'), {});
    await bioRunner('annotations', 'annotations')(helix.exec, fixturePath('bio/annotations'), {});
    const [m] = await cypher(helix, 'MATCH (a:Alignment)-[:REVEALS]->(m:Mutation) RETURN m.urn AS m, a.urn AS a ORDER BY m LIMIT 1');
    const sequences = await cypher(helix, 'MATCH (:Alignment {urn: $a})-[:QUERY|REFERENCE]->(s) RETURN s.urn AS urn', { a: m!.a });
    const g = (await gql(PROVENANCE, { urn: m!.m, direction: 'HOW_MADE', depth: 2 })).provenance;
    const dist = Object.fromEntries(g.nodes.map((n: any) => [n.urn, n.distance]));
    expect(dist[String(m!.a)]).toBe(1);
    for (const s of sequences) expect(dist[String(s.urn)]).toBe(2);
    expect(g.edges).toContainEqual({ from: m!.a, to: m!.m, type: 'REVEALS', via: null });

    const [a] = await cypher(helix, 'MATCH (a:Annotation)-[:FROM_SOURCE]->(s:AnnotationSource) RETURN a.urn AS a, s.urn AS s ORDER BY a LIMIT 1');
    const made = (await gql(PROVENANCE, { urn: a!.a, direction: 'HOW_MADE', depth: 1 })).provenance;
    expect(made.nodes.find((n: any) => n.urn === a!.s)).toMatchObject({ type: 'AnnotationSource', distance: 1 });
    const used = (await gql(PROVENANCE, { urn: a!.s, direction: 'WHAT_USED', depth: 1 })).provenance;
    expect(used.nodes.map((n: any) => n.urn)).toContain(a!.a);
  });

  it('bounds the answer: depth, node limit and truncation', async () => {
    const full = (await gql(PROVENANCE, { urn: CROSS_OUTPUT })).provenance;
    expect(full).toMatchObject({ direction: 'HOW_MADE', depth: 10, limit: 500, truncated: false });
    const shallow = (await gql(PROVENANCE, { urn: CROSS_OUTPUT, depth: 2 })).provenance;
    expect(shallow.truncated).toBe(false);
    expect(shallow.nodes.map((n: any) => n.urn)).toEqual(full.nodes.filter((n: any) => n.distance <= 2).map((n: any) => n.urn));
    const limited = (await gql(PROVENANCE, { urn: CROSS_OUTPUT, limit: 3 })).provenance;
    expect(limited.truncated).toBe(true);
    expect(limited.nodes).toHaveLength(3);
    const kept = new Set(limited.nodes.map((n: any) => n.urn));
    expect(limited.edges.every((e: any) => kept.has(e.from) && kept.has(e.to))).toBe(true);
    const unbounded = (await gql(PROVENANCE, { urn: CROSS_OUTPUT, depth: 1000, limit: 100000 })).provenance;
    expect(unbounded).toMatchObject({ depth: 25, limit: 5000 });
  });

  it('reports truncation when provenance goes deeper than the default depth, not when a depth is asked for', async () => {
    const dataset = (k: number) => ({ namespace: 'file', name: `/chain/step-${k}.csv` });
    const events = Array.from({ length: 7 }, (_, k) => ({
      eventType: 'COMPLETE',
      eventTime: `2024-11-01T00:0${k}:00Z`,
      run: { runId: `0190c0d0-0000-7000-8000-00000000000${k}` },
      job: { namespace: 'chain', name: `link_${k}` },
      inputs: [dataset(k)],
      outputs: [dataset(k + 1)],
      producer: 'https://example.org/helix-tests',
    }));
    expect((await ingestOpenLineage(helix.exec, events.map((event) => ({ event })))).rejected).toEqual([]);
    const last = 'urn:ol:dataset:file:/chain/step-7.csv';
    const byDefault = (await gql(PROVENANCE, { urn: last })).provenance;
    expect(byDefault.truncated).toBe(true);
    expect(Math.max(...byDefault.nodes.map((n: any) => n.distance))).toBe(10);
    const asked = (await gql(PROVENANCE, { urn: last, depth: 10 })).provenance;
    expect(asked.truncated).toBe(false);
    expect(asked.nodes).toEqual(byDefault.nodes);
    const whole = (await gql(PROVENANCE, { urn: last, depth: 25 })).provenance;
    expect(whole.truncated).toBe(false);
    expect(whole.nodes.find((n: any) => n.urn === 'urn:ol:dataset:file:/chain/step-0.csv').distance).toBe(14);
  });

  it('refuses bad arguments with BAD_USER_INPUT and an unknown node with NOT_FOUND', async () => {
    expect(await errorCodes(raw(PROVENANCE, { urn: CROSS_OUTPUT, depth: 0 }))).toEqual(['BAD_USER_INPUT']);
    expect(await errorCodes(raw(PROVENANCE, { urn: CROSS_OUTPUT, limit: 0 }))).toEqual(['BAD_USER_INPUT']);
    expect(await errorCodes(raw(PROVENANCE, { urn: CROSS_OUTPUT, depth: 1.5 }))).toEqual(['BAD_USER_INPUT']);
    expect(await errorCodes(raw(PROVENANCE, { urn: '  ' }))).toEqual(['BAD_USER_INPUT']);
    expect(await errorCodes(raw(PROVENANCE, { urn: CROSS_OUTPUT, direction: 'SIDEWAYS' }))).toEqual(['BAD_USER_INPUT']);
    expect(await errorCodes(raw(PROVENANCE, { urn: 'urn:nothing:here' }))).toEqual(['NOT_FOUND']);
  });

  it('answers a repeated question from the cache, in fewer round trips', async () => {
    const capture = captureCounters(helix);
    try {
      capture.reset();
      const first = await gql(PROVENANCE, { urn: 'urn:file:abc123', direction: 'WHAT_USED', depth: 7 });
      const cold = capture.counters()[0]!;
      capture.reset();
      const second = await gql(PROVENANCE, { urn: 'urn:file:abc123', direction: 'WHAT_USED', depth: 7 });
      expect(second).toEqual(first);
      expect(capture.counters()[0]).toBe(1);
      expect(cold).toBeGreaterThan(2);
    } finally {
      capture.restore();
    }
  });

  it('resolves full nodes of the answer in one batched round trip', async () => {
    const capture = captureCounters(helix);
    try {
      const plainQuery = 'query($u: ID!) { provenance(urn: $u) { nodes { urn } } }';
      await gql(plainQuery, { u: CROSS_OUTPUT });
      capture.reset();
      await gql(plainQuery, { u: CROSS_OUTPUT });
      const plain = capture.counters()[0]!;
      capture.reset();
      const data = await gql('query($u: ID!) { provenance(urn: $u) { nodes { urn node { id type } } } }', { u: CROSS_OUTPUT });
      for (const n of data.provenance.nodes) expect(n.node.id).toBe(n.urn);
      expect(data.provenance.nodes.length).toBeGreaterThan(3);
      expect(capture.counters()[0]! - plain).toBe(1);
    } finally {
      capture.restore();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeGraph } from '../../../../../src/ingestion/writer.js';
import type { HelixContext } from '../../../../../src/app/context.js';
import { answersGraph } from './answers-graph.js';
import { openTestHelix, resetGraph } from '../../../../support/graph.js';
import { captureCounters, strictClient } from './helpers.js';

const NESTED = 'urn name tags { urn name } tests { urn name } owners { name } columns { urn name tags { urn name } tests { urn name } } upstream { urn name } downstream { urn }';

/** The planned nested read: a capsule selection costs one Cypher round trip (two without a namespace filter). */
describe('planned nested reads', () => {
  let helix: HelixContext;
  const g = answersGraph();
  const ns = String(g.nodes.find((n) => n.labels.includes('Model'))!.props.namespace);
  const model = g.flows.find(([, d]) => d.includes(':model.'))![1];

  beforeAll(async () => {
    helix = await openTestHelix({ HELIX_CACHE: 'off' });
    await resetGraph(helix);
    await writeGraph(helix.exec, { nodes: [...new Map(g.nodes.map((n) => [n.urn, n])).values()], edges: g.edges, issues: [] }, { scope: 'test:planned', deleteMissing: false });
  });
  afterAll(async () => helix?.close());

  async function roundTrips(query: string, variables: Record<string, unknown>) {
    const capture = captureCounters(helix);
    try {
      const data = await strictClient(helix)(query, variables);
      return { data, queries: capture.counters()[0] ?? 0 };
    } finally {
      capture.restore();
    }
  }

  it('answers a namespace listing with tags, tests, columns, upstream and downstream in one round trip', async () => {
    const { data, queries } = await roundTrips(`query($ns: String!) { capsules(filter: {namespace: $ns, type: Model}, first: 50) { nodes { ${NESTED} } } }`, { ns });
    expect(data.capsules.nodes.length).toBeGreaterThan(10);
    expect(data.capsules.nodes.some((c: { columns: Array<{ tags: unknown[] }> }) => c.columns.some((col) => col.tags.length > 0))).toBe(true);
    expect(queries).toBe(1);
  });

  it('answers a listing without namespace in two, and a capsule by urn in one', async () => {
    expect((await roundTrips(`{ capsules(filter: {type: Model}, first: 20) { edges { node { ${NESTED} } } } }`, {})).queries).toBe(2);
    expect((await roundTrips(`query($u: ID!) { capsule(urn: $u) { ${NESTED} } }`, { u: model })).queries).toBe(1);
  });

  it('leaves what it cannot plan to the DataLoaders, with the same answers', async () => {
    const q = `query($ns: String!) { capsules(filter: {namespace: $ns}, first: 5) { nodes { urn a: upstream(first: 1) { urn } b: upstream(first: 2) { urn } c: upstream(depth: 2) { urn } } } }`;
    const { data, queries } = await roundTrips(q, { ns });
    expect(queries).toBe(4); // page, upstream first 1, first 2, depth 2
    for (const c of data.capsules.nodes) {
      const single = await strictClient(helix)(`query($u: ID!) { capsule(urn: $u) { upstream(first: 2) { urn } } }`, { u: c.urn });
      expect(c.b).toEqual(single.capsule.upstream);
      expect(c.a.length).toBeLessThanOrEqual(1);
    }
  });

  it('projects only the properties the selection reads, with the answers of the unplanned reads', async () => {
    // Fields with resolvers that read other properties (name → uniqueId, tagNames → tags, meta → metaJson), fields
    // without resolver (layer, dataType, index), and one whose resolver the planner does not know (history: the level
    // then reads every property).
    const fields =
      'urn name namespace layer description tagNames meta type ' +
      'tags { urn name type } tests { urn name testType } columns { urn name dataType index tagNames meta tags { name } tests { name } } ' +
      'upstream { urn name layer ... on Source { freshness } } downstream { urn tagNames }';
    const planned = await strictClient(helix)(`query($ns: String!) { capsules(filter: {namespace: $ns}, first: 20) { nodes { ${fields} } } }`, { ns });
    expect(planned.capsules.nodes.length).toBeGreaterThan(5);
    const urns = planned.capsules.nodes.map((c: { urn: string }) => c.urn);
    // nodes(ids) reads every property through the node loader and the nested lists through the DataLoaders.
    const unplanned = await strictClient(helix)(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on Capsule { ${fields} } } }`, { ids: urns });
    expect(planned.capsules.nodes).toEqual(unplanned.nodes);
    const withHistory = await strictClient(helix)(`query($u: ID!) { capsule(urn: $u) { ${fields} history { __typename } } }`, { u: model });
    const single = await strictClient(helix)(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on Capsule { ${fields} history { __typename } } } }`, { ids: [model] });
    expect([withHistory.capsule]).toEqual(single.nodes);
  });
});

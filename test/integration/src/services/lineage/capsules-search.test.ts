import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode } from '../../../../../ingest/core/graph.js';
import { writeGraph } from '../../../../../src/ingestion/writer.js';
import type { HelixContext } from '../../../../../src/app/context.js';
import { dbtShapedGraph, type SyntheticGraph } from '../../../../../bench/lineage-graph.js';
import { openTestHelix, resetGraph } from '../../../../support/graph.js';
import { graphqlClient, strictClient } from './helpers.js';

let helix: HelixContext;
let g: SyntheticGraph;
let gql: ReturnType<typeof strictClient>;

const shop = (id: string) => `urn:dbt:shop:${id}`;
const capsule = (ns: string, id: string, type: string, props: Record<string, unknown>): GraphNode => ({
  urn: `urn:dbt:${ns}:${id}`,
  labels: ['Capsule', type],
  props: { uniqueId: id, namespace: ns, resourceType: type.toLowerCase(), packageName: ns, ...props },
});
const handMade = (): { nodes: GraphNode[]; edges: GraphEdge[] } => ({
  nodes: [
    capsule('shop', 'model.shop.customers', 'Model', { name: 'customers', layer: 'marts', materialization: 'table', description: 'One row per customer', tags: ['core'], metaJson: '{"owner":"ana"}', version: 2 }),
    capsule('shop', 'model.shop.stg_customers', 'Model', { name: 'stg_customers', layer: 'staging', materialization: 'view', description: 'Customers, cleaned' }),
    capsule('shop', 'model.shop.customer_orders', 'Model', { name: 'customer_orders', layer: 'marts', description: 'Orders of customers' }),
    capsule('shop', 'source.shop.raw.customers', 'Source', { name: 'customers', layer: 'raw', sourceName: 'raw', freshnessJson: '{"warn_after":{"count":1}}' }),
    capsule('crm', 'model.crm.Customers', 'Model', { name: 'Customers', description: 'CRM view' }),
    { urn: `${shop('model.shop.customers')}#id`, labels: ['Column'], props: { name: 'id', capsuleUrn: shop('model.shop.customers'), index: 1, dataType: 'integer' } },
    { urn: `${shop('model.shop.customers')}#customers`, labels: ['Column'], props: { name: 'customers', capsuleUrn: shop('model.shop.customers'), index: 2, dataType: 'text', tags: ['pii'] } },
    { urn: shop('test.shop.unique_customers_id'), labels: ['Test'], props: { name: 'unique_customers_id', testName: 'unique', testType: 'generic' } },
    { urn: shop('result:inv1:test.shop.unique_customers_id'), labels: ['TestResult'], props: { status: 'pass', completedAt: '2024-05-01T00:00:00Z', failures: 0 } },
    { urn: 'urn:dbt:invocation:inv1', labels: ['Run', 'Invocation'], props: { invocationId: 'inv1', command: 'build' } },
    { urn: 'urn:tag:pii', labels: ['Tag'], props: { name: 'pii' } },
    { urn: 'urn:owner:ana@example.com', labels: ['Owner'], props: { name: 'Ana', email: 'ana@example.com' } },
    { urn: 'urn:domain:sales', labels: ['Domain'], props: { name: 'Sales' } },
  ],
  edges: [
    { type: 'HAS_COLUMN', from: shop('model.shop.customers'), to: `${shop('model.shop.customers')}#customers` },
    { type: 'HAS_COLUMN', from: shop('model.shop.customers'), to: `${shop('model.shop.customers')}#id` },
    { type: 'TESTS', from: shop('test.shop.unique_customers_id'), to: shop('model.shop.customers') },
    { type: 'TESTS', from: shop('test.shop.unique_customers_id'), to: `${shop('model.shop.customers')}#id` },
    { type: 'RESULT_OF', from: shop('result:inv1:test.shop.unique_customers_id'), to: shop('test.shop.unique_customers_id') },
    { type: 'IN_INVOCATION', from: shop('result:inv1:test.shop.unique_customers_id'), to: 'urn:dbt:invocation:inv1' },
    { type: 'TAGGED_WITH', from: `${shop('model.shop.customers')}#customers`, to: 'urn:tag:pii' },
    { type: 'OWNED_BY', from: shop('model.shop.customers'), to: 'urn:owner:ana@example.com' },
    { type: 'IN_DOMAIN', from: shop('model.shop.customers'), to: 'urn:domain:sales' },
    { type: 'FLOWS_TO', from: shop('source.shop.raw.customers'), to: shop('model.shop.stg_customers') },
    { type: 'FLOWS_TO', from: shop('model.shop.stg_customers'), to: shop('model.shop.customers') },
  ],
});

beforeAll(async () => {
  helix = await openTestHelix();
  await resetGraph(helix);
  g = dbtShapedGraph({ capsules: 180, seed: 3, projectSize: 60 });
  const h = handMade();
  await writeGraph(helix.exec, { nodes: [...g.nodes, ...h.nodes], edges: [...g.edges, ...h.edges], issues: [] }, { scope: 'test:capsules', deleteMissing: false });
  gql = strictClient(helix);
});
afterAll(async () => helix?.close());

describe('capsule and column', () => {
  it('resolve every nested field of a capsule and its columns', async () => {
    const { capsule: c } = await gql(`{ capsule(urn: "${shop('model.shop.customers')}") {
      id type name uniqueId namespace layer materialization version tagNames meta description
      columns { name index dataType tagNames tags { name } tests { name } capsule { name } }
      owners { name email } domain { name } dataProducts { name } tests { name results { status invocation { command } test { name } } }
      upstream(depth: 2) { name type } downstream { name }
      ... on Model { deprecationDate }
    } }`);
    expect(c).toMatchObject({ id: shop('model.shop.customers'), type: 'Model', name: 'customers', version: '2', tagNames: ['core'], meta: { owner: 'ana' } });
    expect(c.columns.map((col: any) => col.name)).toEqual(['id', 'customers']);
    expect(c.columns[1]).toMatchObject({ dataType: 'text', tagNames: ['pii'], tags: [{ name: 'pii' }], capsule: { name: 'customers' } });
    expect(c.columns[0].tests).toEqual([{ name: 'unique_customers_id' }]);
    expect(c.owners).toEqual([{ name: 'Ana', email: 'ana@example.com' }]);
    expect(c.domain).toEqual({ name: 'Sales' });
    expect(c.dataProducts).toEqual([]);
    expect(c.tests[0].results).toEqual([{ status: 'pass', invocation: { command: 'build' }, test: { name: 'unique_customers_id' } }]);
    expect(c.upstream).toEqual([{ name: 'stg_customers', type: 'Model' }, { name: 'customers', type: 'Source' }]);
    expect(c.downstream).toEqual([]);
  });

  it('answers null for unknown urns and for nodes of the other kind', async () => {
    const col = `${shop('model.shop.customers')}#id`;
    const data = await gql(`{ a: capsule(urn: "urn:dbt:none:x") { name } b: capsule(urn: "${col}") { name }
      c: column(urn: "${col}") { name } d: column(urn: "${shop('model.shop.customers')}") { name }
      s: capsule(urn: "${shop('source.shop.raw.customers')}") { ... on Source { sourceName freshness } } }`);
    expect(data).toEqual({ a: null, b: null, c: { name: 'id' }, d: null, s: { sourceName: 'raw', freshness: { warn_after: { count: 1 } } } });
  });
});

const PAGE = `query($filter: CapsuleFilter, $first: Int, $after: String) {
  capsules(filter: $filter, first: $first, after: $after) {
    totalCount edges { cursor node { urn } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

async function allPages(filter: Record<string, unknown>, first = 23): Promise<{ urns: string[]; total: number }> {
  const urns: string[] = [];
  let after: string | null = null;
  let total = -1;
  for (let pages = 0; pages < 100; pages++) {
    const { capsules }: any = await gql(PAGE, { filter, first, after });
    total = capsules.totalCount;
    urns.push(...capsules.edges.map((e: any) => e.node.urn));
    expect(capsules.pageInfo.hasPreviousPage).toBe(after !== null);
    if (!capsules.pageInfo.hasNextPage) break;
    expect(capsules.pageInfo.endCursor).toBe(capsules.edges.at(-1).cursor);
    after = capsules.pageInfo.endCursor;
  }
  return { urns, total };
}

describe('capsules', () => {
  const all = () => [...g.nodes, ...handMade().nodes].filter((n) => n.labels.includes('Capsule'));
  const edgeTargets = (type: string, to: string) => new Set([...g.edges, ...handMade().edges].filter((e) => e.type === type && e.to === to).map((e) => e.from));

  it('pages through every capsule in urn order with round-tripping cursors and a stable totalCount', async () => {
    const expected = all().map((n) => n.urn).sort();
    const { urns, total } = await allPages({});
    expect(urns).toEqual(expected);
    expect(total).toBe(expected.length);
  });

  it.each([
    ['namespace', { namespace: 'proj1' }, (n: GraphNode) => n.props.namespace === 'proj1'],
    ['type', { type: 'Source' }, (n: GraphNode) => n.labels.includes('Source')],
    ['layer', { layer: 'staging' }, (n: GraphNode) => n.props.layer === 'staging'],
    ['materialization', { materialization: 'view' }, (n: GraphNode) => n.props.materialization === 'view'],
    ['package + type', { package: 'proj2', type: 'Model' }, (n: GraphNode) => n.props.packageName === 'proj2' && n.labels.includes('Model')],
  ])('filter by %s', async (_, filter, keep) => {
    const expected = all().filter(keep).map((n) => n.urn).sort();
    expect(expected.length).toBeGreaterThan(0);
    const { urns, total } = await allPages(filter);
    expect(urns).toEqual(expected);
    expect(total).toBe(expected.length);
  });

  it('filters by tag, owner and domain (name or urn) and by tests', async () => {
    const byTag = await allPages({ tag: 'finance' });
    expect(new Set(byTag.urns)).toEqual(edgeTargets('TAGGED_WITH', 'urn:tag:finance'));
    const byOwner = await allPages({ owner: 'urn:owner:team3@example.com' });
    expect(new Set(byOwner.urns)).toEqual(edgeTargets('OWNED_BY', 'urn:owner:team3@example.com'));
    const byDomain = await allPages({ domain: 'Finance' });
    expect(new Set(byDomain.urns)).toEqual(edgeTargets('IN_DOMAIN', 'urn:domain:finance'));
    const tested = new Set([...g.edges, ...handMade().edges].filter((e) => e.type === 'TESTS' && !e.to.includes('#')).map((e) => e.to));
    const withTests = await allPages({ hasTests: true });
    expect(new Set(withTests.urns)).toEqual(tested);
    const without = await allPages({ hasTests: false });
    expect(without.total + withTests.total).toBe(all().length);
  });

  it('filters by text through the full-text index', async () => {
    const { urns } = await allPages({ text: 'customers', namespace: 'shop' });
    expect(urns).toEqual(['model.shop.customers', 'model.shop.stg_customers', 'model.shop.customer_orders', 'source.shop.raw.customers'].map(shop).sort());
  });
});

const SEARCH = `query($text: String!, $types: [String!], $first: Int, $after: String) {
  search(text: $text, types: $types, first: $first, after: $after) {
    edges { cursor score exactMatch node { urn type ... on Capsule { name } ... on Column { name } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe('search', () => {
  it('ranks exact name matches first (ignoring case), then by score, with stable pages', async () => {
    const { search } = await gql(SEARCH, { text: 'Customers', first: 50 });
    const exact = search.edges.filter((e: any) => e.exactMatch);
    expect(exact.map((e: any) => e.node.urn).sort()).toEqual(
      [shop('model.shop.customers'), shop('source.shop.raw.customers'), 'urn:dbt:crm:model.crm.Customers', `${shop('model.shop.customers')}#customers`].sort(),
    );
    expect(search.edges.slice(0, exact.length).every((e: any) => e.exactMatch)).toBe(true);
    expect(search.edges.some((e: any) => e.node.urn === shop('model.shop.stg_customers') || e.node.urn === shop('model.shop.customer_orders'))).toBe(true);
    const rest = search.edges.slice(exact.length).map((e: any) => e.score);
    expect(rest).toEqual([...rest].sort((a, b) => b - a));
    const paged: string[] = [];
    let after: string | null = null;
    do {
      const page: any = (await gql(SEARCH, { text: 'Customers', first: 3, after })).search;
      paged.push(...page.edges.map((e: any) => e.node.urn));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(paged).toEqual(search.edges.map((e: any) => e.node.urn));
  });

  it('restricts to types, finds prefixes, and never interprets Lucene syntax in the text', async () => {
    const columns = await gql(SEARCH, { text: 'customers', types: ['Column'] });
    expect(columns.search.edges.map((e: any) => e.node.type)).toEqual(['Column']);
    const prefix = await gql(SEARCH, { text: 'stg_cust' });
    expect(prefix.search.edges[0].node.urn).toBe(shop('model.shop.stg_customers'));
    for (const text of ['cust* OR (id:1) AND "x', 'a:b\\', '[]{}~^!?/', 'NOT', '"customers"']) {
      const r = await graphqlClient(helix)(SEARCH, { text });
      expect(r.errors).toBeUndefined();
    }
    const quoted = await gql(SEARCH, { text: '"customers"' });
    expect(quoted.search.edges.length).toBeGreaterThan(0);
    const bad = await graphqlClient(helix)(SEARCH, { text: '   ' });
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });
});

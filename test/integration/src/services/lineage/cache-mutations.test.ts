import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode } from '../../../../../ingest/core/graph.js';
import { writeGraph } from '../../../../../src/ingestion/writer.js';
import type { HelixContext } from '../../../../../src/app/context.js';
import { RedisCache } from '../../../../../src/cache/redis-cache.js';
import { openTestHelix, resetGraph } from '../../../../support/graph.js';
import { captureCounters, graphqlClient, strictClient } from './helpers.js';

let helix: HelixContext;
let gql: ReturnType<typeof strictClient>;
let raw: ReturnType<typeof graphqlClient>;

const urn = (name: string) => `urn:dbt:m:model.m.${name}`;
const model = (name: string): GraphNode => ({ urn: urn(name), labels: ['Capsule', 'Model'], props: { name, namespace: 'm' } });
const flow = (a: string, b: string): GraphEdge => ({ type: 'FLOWS_TO', from: urn(a), to: urn(b) });
const column: GraphNode = { urn: `${urn('a')}#id`, labels: ['Column'], props: { name: 'id', capsuleUrn: urn('a') } };
const base = () => ({
  nodes: [model('a'), model('b'), model('c'), column],
  edges: [flow('a', 'b'), flow('b', 'c'), { type: 'HAS_COLUMN', from: urn('a'), to: column.urn }],
  issues: [],
});

beforeAll(async () => {
  helix = await openTestHelix();
  await resetGraph(helix);
  await writeGraph(helix.exec, base(), { scope: 'test:cache', deleteMissing: true });
  gql = strictClient(helix);
  raw = graphqlClient(helix);
});
afterAll(async () => helix?.close());

const version = async () => (await gql('{ graphInfo { graphVersion } }')).graphInfo.graphVersion as number;

describe('metadata mutations', () => {
  it('tag, untag, own and place capsules and columns, each bumping the graph version', async () => {
    const v0 = await version();
    const tagged = await gql(`mutation { addTag(urn: "${urn('a')}", tag: "gold") { ... on Model { tags { urn name } } } }`);
    expect(tagged.addTag.tags).toEqual([{ urn: 'urn:tag:gold', name: 'gold' }]);
    await gql(`mutation { addTag(urn: "${column.urn}", tag: "pii") { id } }`);
    const col = await gql(`{ column(urn: "${column.urn}") { tags { name } } tag: node(id: "urn:tag:gold") { ... on Tag { capsules { name } } } }`);
    expect(col.column.tags).toEqual([{ name: 'pii' }]);
    expect(col.tag.capsules).toEqual([{ name: 'a' }]);
    const untagged = await gql(`mutation { removeTag(urn: "${urn('a')}", tag: "gold") { ... on Model { tags { name } } } }`);
    expect(untagged.removeTag.tags).toEqual([]);
    const owned = await gql(`mutation { setOwner(urn: "${urn('a')}", owner: "Ana@Example.com") { ... on Model { owners { urn name email } } } }`);
    expect(owned.setOwner.owners).toEqual([{ urn: 'urn:owner:ana@example.com', name: 'Ana@Example.com', email: 'Ana@Example.com' }]);
    const reowned = await gql(`mutation { setOwner(urn: "${urn('a')}", owner: "data team") { ... on Model { owners { name } } } }`);
    expect(reowned.setOwner.owners).toEqual([{ name: 'data team' }]);
    const placed = await gql(`mutation { setDomain(urn: "${urn('a')}", domain: "Finance") { ... on Model { domain { urn name } } } }`);
    expect(placed.setDomain.domain).toEqual({ urn: 'urn:domain:finance', name: 'Finance' });
    const cleared = await gql(`mutation { setDomain(urn: "${urn('a')}", domain: null) { ... on Model { domain { name } } } }`);
    expect(cleared.setDomain.domain).toBeNull();
    expect(await version()).toBe(v0 + 7);
  });

  it('creates, updates and fills data products', async () => {
    const created = await gql(`mutation { createDataProduct(input: { name: "Revenue", description: "Money in", domain: "Finance", owner: "cfo@example.com" }) {
      urn name description domain { name } owners { email } capsules { name } } }`);
    expect(created.createDataProduct).toEqual({
      urn: 'urn:dataproduct:revenue', name: 'Revenue', description: 'Money in', domain: { name: 'Finance' }, owners: [{ email: 'cfo@example.com' }], capsules: [],
    });
    const dup = await raw(`mutation { createDataProduct(input: { name: "revenue" }) { urn } }`);
    expect(dup.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
    const updated = await gql(`mutation { updateDataProduct(urn: "urn:dataproduct:revenue", input: { description: "Money", domain: null }) {
      name description domain { name } owners { email } } }`);
    expect(updated.updateDataProduct).toEqual({ name: 'Revenue', description: 'Money', domain: null, owners: [{ email: 'cfo@example.com' }] });
    const filled = await gql(`mutation { addToDataProduct(urn: "urn:dataproduct:revenue", capsules: ["${urn('b')}", "${urn('c')}"]) { capsules { name } } }`);
    expect(filled.addToDataProduct.capsules).toEqual([{ name: 'b' }, { name: 'c' }]);
    const notCapsule = await raw(`mutation { addToDataProduct(urn: "urn:dataproduct:revenue", capsules: ["${column.urn}"]) { urn } }`);
    expect(notCapsule.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(notCapsule.errors?.[0]?.message).toContain(column.urn);
    const emptied = await gql(`mutation { removeFromDataProduct(urn: "urn:dataproduct:revenue", capsules: ["${urn('c')}"]) { capsules { name } } }`);
    expect(emptied.removeFromDataProduct.capsules).toEqual([{ name: 'b' }]);
    const part = await gql(`{ capsule(urn: "${urn('b')}") { dataProducts { name } } }`);
    expect(part.capsule.dataProducts).toEqual([{ name: 'Revenue' }]);
  });

  it('refuses unknown targets and bad names with clear errors', async () => {
    const cases: Array<[string, string]> = [
      [`mutation { addTag(urn: "urn:dbt:m:model.m.nope", tag: "x") { id } }`, 'NOT_FOUND'],
      [`mutation { addTag(urn: "${urn('a')}", tag: "  ") { id } }`, 'BAD_USER_INPUT'],
      [`mutation { setOwner(urn: "${column.urn}", owner: "x") { id } }`, 'NOT_FOUND'],
      [`mutation { updateDataProduct(urn: "urn:dataproduct:none", input: { name: "x" }) { urn } }`, 'NOT_FOUND'],
      [`mutation { addToDataProduct(urn: "urn:dataproduct:revenue", capsules: []) { urn } }`, 'BAD_USER_INPUT'],
    ];
    for (const [mutation, code] of cases) {
      const r = await raw(mutation);
      expect(r.errors?.[0]?.extensions?.code, mutation).toBe(code);
    }
  });
});

const LINEAGE = `query($urn: ID!) { lineage(urn: $urn, direction: DOWNSTREAM) { nodes { urn } } }`;
const IMPACT = `query($urn: ID!) { impact(urn: $urn) { total byDomain { key count } byDataProduct { key count } } }`;

describe('result cache', () => {
  it('answers a repeated lineage query from Redis, keyed by graph epoch and version', async () => {
    expect(helix.cache).toBeInstanceOf(RedisCache);
    const capture = captureCounters(helix);
    try {
      const first = await gql(LINEAGE, { urn: urn('a') });
      const [computed] = capture.counters();
      capture.reset();
      const second = await gql(LINEAGE, { urn: urn('a') });
      expect(second).toEqual(first);
      expect(capture.counters()).toEqual([1]); // the graph version only
      expect(computed).toBeGreaterThan(1);
    } finally {
      capture.restore();
    }
    const [{ epoch, version: v }] = (await helix.exec.runText("MATCH (g:HelixMeta {id: 'graph'}) RETURN g.epoch AS epoch, g.version AS version", {}, 'READ')) as any;
    const client = (helix.cache as RedisCache).client;
    expect((await client.keys(`helix:cache:lineage:v1:${epoch}:${v}:*`)).length).toBeGreaterThan(0);
    // the whole response too: the repeated request skipped GraphQL execution
    expect((await client.keys(`helix:cache:response:v1:${epoch}:${v}:*`)).length).toBeGreaterThan(0);
  });

  it('is invalidated by an ingestion (writeGraph) and by metadata mutations', async () => {
    const before = await gql(LINEAGE, { urn: urn('a') });
    expect(before.lineage.nodes.map((n: any) => n.urn)).toEqual([urn('a'), urn('b'), urn('c')]);
    const g = base();
    g.nodes.push(model('d'));
    g.edges.push(flow('c', 'd'));
    await writeGraph(helix.exec, g, { scope: 'test:cache', deleteMissing: true });
    const after = await gql(LINEAGE, { urn: urn('a') });
    expect(after.lineage.nodes.map((n: any) => n.urn)).toEqual([urn('a'), urn('b'), urn('c'), urn('d')]);

    const impact0 = await gql(IMPACT, { urn: urn('a') });
    expect(impact0.impact).toEqual({ total: 3, byDomain: [], byDataProduct: [{ key: 'urn:dataproduct:revenue', count: 1 }] });
    await gql(`mutation { setDomain(urn: "${urn('d')}", domain: "ops") { id } }`);
    await gql(`mutation { addToDataProduct(urn: "urn:dataproduct:revenue", capsules: ["${urn('d')}"]) { urn } }`);
    const impact1 = await gql(IMPACT, { urn: urn('a') });
    expect(impact1.impact).toEqual({
      total: 3,
      byDomain: [{ key: 'urn:domain:ops', count: 1 }],
      byDataProduct: [{ key: 'urn:dataproduct:revenue', count: 2 }],
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelixContext } from '../../../../src/app/context.js';
import { loadDemoGraph } from '../../../../src/demo/load-demo.js';
import { openTestHelix, resetGraph } from '../../../support/graph.js';
import { startTestServer, type TestServer } from '../../../support/http-server.js';

let helix: HelixContext;
let server: TestServer;
let base: string;

beforeAll(async () => {
  helix = await openTestHelix({ HELIX_AUTH_TOKEN: 'e2e-token' });
  await resetGraph(helix);
  await loadDemoGraph(helix.exec);
  server = await startTestServer(helix, [] /* the API only, no extra routes */);
  base = server.base;
});
afterAll(async () => {
  await server?.close();
  await helix?.close();
});

const post = async (query: string, variables: Record<string, unknown> = {}, token = 'e2e-token') => {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as any };
};
const demo = (id: string) => `urn:dbt:jaffle_shop:${id}`;

describe('lineage API over HTTP (demo graph)', () => {
  it('needs the bearer token', async () => {
    const { status } = await post('{ graphInfo { graphVersion } }', {}, 'wrong');
    expect(status).toBe(401);
  });

  it('answers table lineage, column lineage through to the dashboard, impact and paths', async () => {
    const { body } = await post(`query($m: ID!, $c: ID!, $s: ID!, $p: ID!, $e: ID!) {
      table: lineage(urn: $m, direction: UPSTREAM) { nodes { name type distance } truncated }
      column: lineage(urn: $c, direction: DOWNSTREAM, level: COLUMN) { nodes { urn type distance } edges { type from to via } }
      impact(urn: $s) { total exposures { name } byType { key count } }
      lineagePath(from: $p, to: $e) { length nodes { name } }
    }`, {
      m: demo('model.jaffle_shop.customers'),
      c: `${demo('source.jaffle_shop.raw.payments')}#amount`,
      s: demo('source.jaffle_shop.raw.orders'),
      p: demo('source.jaffle_shop.raw.customers'),
      e: demo('exposure.jaffle_shop.weekly_revenue'),
    });
    expect(body.errors).toBeUndefined();
    expect(body.data.table.nodes.map((n: any) => `${n.type}:${n.name}:${n.distance}`).sort()).toEqual(
      ['Model:customers:0', 'Model:stg_customers:1', 'Model:stg_orders:1', 'Model:stg_payments:1', 'Source:customers:2', 'Source:orders:2', 'Source:payments:2'],
    );
    expect(body.data.column.nodes.map((n: any) => `${n.distance}:${n.urn}`).sort()).toEqual([
      `0:${demo('source.jaffle_shop.raw.payments')}#amount`,
      `1:${demo('model.jaffle_shop.stg_payments')}#amount`,
      `2:${demo('model.jaffle_shop.customers')}#lifetime_value`,
      `2:${demo('model.jaffle_shop.orders')}#amount`,
      '3:urn:ol:dataset:postgres://db:5432:analytics.exports.orders_export#amount',
      `3:${demo('exposure.jaffle_shop.weekly_revenue')}`,
    ].sort());
    expect(body.data.column.edges).toContainEqual({
      type: 'FEEDS_EXPOSURE',
      from: `${demo('model.jaffle_shop.customers')}#lifetime_value`,
      to: demo('exposure.jaffle_shop.weekly_revenue'),
      via: demo('model.jaffle_shop.customers'),
    });
    // stg_orders, orders, customers, the dashboard, and the OpenLineage job and dataset fed by orders.
    expect(body.data.impact).toMatchObject({ total: 6, exposures: [{ name: 'weekly_revenue' }] });
    expect(body.data.lineagePath).toEqual([{ length: 3, nodes: [{ name: 'customers' }, { name: 'stg_customers' }, { name: 'customers' }, { name: 'weekly_revenue' }] }]);
  });

  it('curates metadata and sees it in the next answer', async () => {
    const m = demo('model.jaffle_shop.customers');
    const tagged = await post(`mutation($m: ID!) { addTag(urn: $m, tag: "certified") { ... on Model { tags { name } } } }`, { m });
    expect(tagged.body.data.addTag.tags).toEqual([{ name: 'certified' }, { name: 'marketing' }]);
    const found = await post(`{ capsules(filter: { tag: "certified" }) { totalCount nodes { name } } }`);
    expect(found.body.data.capsules).toEqual({ totalCount: 1, nodes: [{ name: 'customers' }] });
  });
});

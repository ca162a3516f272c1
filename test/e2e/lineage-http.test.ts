import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelixContext } from '../../src/app/context.js';
import { loadDemoGraph } from '../../src/demo/load-demo.js';
import { createHttpServer } from '../../src/http/server.js';
import { openTestHelix, resetGraph } from '../support/graph.js';

let helix: HelixContext;
let server: Server;
let base: string;

beforeAll(async () => {
  helix = await openTestHelix({ HELIX_AUTH_TOKEN: 'e2e-token' });
  await resetGraph(helix);
  await loadDemoGraph(helix.exec);
  server = createHttpServer(helix);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
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
const demo = (id: string) => `urn:dbt:helix_demo:${id}`;

describe('lineage API over HTTP (demo graph)', () => {
  it('needs the bearer token', async () => {
    const { status } = await post('{ graphInfo { graphVersion } }', {}, 'wrong');
    expect(status).toBe(401);
  });

  it('answers table lineage, column lineage through to the dashboard, impact and paths', async () => {
    const { body } = await post(`query($m: ID!, $c: ID!, $s: ID!, $e: ID!) {
      table: lineage(urn: $m, direction: UPSTREAM) { nodes { name type distance } truncated }
      column: lineage(urn: $c, direction: DOWNSTREAM, level: COLUMN) { nodes { urn type } edges { type from to via } }
      impact(urn: $s) { total exposures { name } byType { key count } }
      lineagePath(from: $s, to: $e) { length nodes { name } }
    }`, {
      m: demo('model.helix_demo.customers'),
      c: `${demo('source.helix_demo.shop.orders')}#amount`,
      s: demo('source.helix_demo.shop.orders'),
      e: demo('exposure.helix_demo.revenue_dashboard'),
    });
    expect(body.errors).toBeUndefined();
    expect(body.data.table.nodes.map((n: any) => `${n.type}:${n.name}:${n.distance}`).sort()).toEqual(
      ['Model:customers:0', 'Model:stg_customers:1', 'Model:stg_orders:1', 'Source:customers:2', 'Source:orders:2'],
    );
    expect(body.data.column.nodes.map((n: any) => n.urn)).toEqual([
      `${demo('source.helix_demo.shop.orders')}#amount`,
      `${demo('model.helix_demo.stg_orders')}#amount`,
      `${demo('model.helix_demo.customers')}#lifetime_value`,
      demo('exposure.helix_demo.revenue_dashboard'),
    ]);
    expect(body.data.column.edges).toContainEqual({
      type: 'FEEDS_EXPOSURE',
      from: `${demo('model.helix_demo.customers')}#lifetime_value`,
      to: demo('exposure.helix_demo.revenue_dashboard'),
      via: demo('model.helix_demo.customers'),
    });
    expect(body.data.impact).toMatchObject({ total: 3, exposures: [{ name: 'revenue_dashboard' }] });
    expect(body.data.lineagePath).toEqual([{ length: 3, nodes: [{ name: 'orders' }, { name: 'stg_orders' }, { name: 'customers' }, { name: 'revenue_dashboard' }] }]);
  });

  it('curates metadata and sees it in the next answer', async () => {
    const m = demo('model.helix_demo.customers');
    const tagged = await post(`mutation($m: ID!) { addTag(urn: $m, tag: "certified") { ... on Model { tags { name } } } }`, { m });
    expect(tagged.body.data.addTag.tags).toEqual([{ name: 'certified' }]);
    const found = await post(`{ capsules(filter: { tag: "certified" }) { totalCount nodes { name } } }`);
    expect(found.body.data.capsules).toEqual({ totalCount: 1, nodes: [{ name: 'customers' }] });
  });
});

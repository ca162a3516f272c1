import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelixContext } from '../../../../src/app/context.js';
import { createApiKey } from '../../../../src/auth/api-keys.js';
import { loadDemoGraph } from '../../../../src/demo/load-demo.js';
import { extraRoutes } from '../../../../src/http/extra-routes.js';
import { createHttpServer } from '../../../../src/http/server.js';
import { openTestHelix, resetGraph } from '../../../support/graph.js';
import { runEvent } from '../../../support/openlineage-event.js';

/**
 * #12 Hardening: budgets per caller (API key; the address only for unauthenticated callers) and a lower budget for
 * expensive operations, classified from the parsed document (not the operation name). 429 with Retry-After and
 * RATE_LIMITED, also for a client that is still sending a large body.
 */
const ORDERS = 'urn:dbt:jaffle_shop:model.jaffle_shop.orders';
const CUSTOMERS = 'urn:dbt:jaffle_shop:model.jaffle_shop.customers';
const servers: Array<{ server: Server; helix: HelixContext }> = [];

async function serve(overrides: Record<string, string>) {
  const helix = await openTestHelix({ HELIX_RATE_LIMIT_KEY_PREFIX: `helix:test:rl2:${randomUUID()}`, HELIX_AUTH_FAILURES_PER_MINUTE: '1000', ...overrides });
  const server = createHttpServer(helix, extraRoutes(helix));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push({ server, helix });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await fetch(`${base}/ready`); // Redis connected: budgets are kept there from the first request (not in the insurance)
  const gql = async (query: string, key?: string, variables: Record<string, unknown> = {}, operationName?: string) => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ query, variables, operationName }),
    });
    const body = (await res.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> };
    return { status: res.status, retryAfter: res.headers.get('retry-after'), code: body.errors?.[0]?.extensions?.code, message: body.errors?.[0]?.message, data: body.data };
  };
  return { base, gql, helix };
}

const event = () => runEvent();

beforeAll(async () => {
  const first = await serve({});
  await resetGraph(first.helix);
  await loadDemoGraph(first.helix.exec);
});
afterAll(async () => {
  for (const s of servers) {
    s.server.closeAllConnections();
    await new Promise((r) => s.server.close(r));
    await s.helix.close();
  }
});

describe('request budget per caller', () => {
  it('counts per API key: one key over its budget is refused, another key from the same address is not', async () => {
    const s = await serve({ HELIX_AUTH_MODE: 'keys', HELIX_RATE_LIMIT_PER_MINUTE: '3' });
    const a = (await createApiKey(s.helix.exec, { role: 'viewer', createdBy: 'test' })).key;
    const b = (await createApiKey(s.helix.exec, { role: 'viewer', createdBy: 'test' })).key;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await s.gql('{ graphInfo { graphVersion } }', a)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await s.gql('{ graphInfo { graphVersion } }', a);
    expect(refused).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect((await s.gql('{ graphInfo { graphVersion } }', b)).status).toBe(200);
  });

  it('counts per address when nobody is authenticated (auth off)', async () => {
    const s = await serve({ HELIX_RATE_LIMIT_PER_MINUTE: '2' });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await s.gql('{ graphInfo { graphVersion } }')).status);
    expect(statuses).toEqual([200, 200, 429]);
  });
});

describe('the lower budget of expensive operations', () => {
  it('spends it on impact, lineagePath and deep lineage, by the parsed document and not the operation name', async () => {
    const s = await serve({ HELIX_AUTH_MODE: 'keys', HELIX_RATE_LIMIT_PER_MINUTE: '1000', HELIX_RATE_LIMIT_EXPENSIVE_PER_MINUTE: '2', HELIX_RATE_LIMIT_DEEP_LINEAGE_DEPTH: '3' });
    const key = async () => (await createApiKey(s.helix.exec, { role: 'admin', createdBy: 'test' })).key;
    const a = await key();
    // Named like an expensive operation, cheap in fact: not counted.
    for (let i = 0; i < 4; i++) {
      const shallow = await s.gql(`query Impact { lineage(urn: "${ORDERS}", depth: 2) { root depth } }`, a, {}, 'Impact');
      expect(shallow.status, 'a shallow lineage').toBe(200);
      expect(shallow.code).toBeUndefined();
    }
    // Named cheap, expensive in fact.
    expect((await s.gql(`query Cheap { impact(urn: "${ORDERS}") { total } }`, a, {}, 'Cheap')).status).toBe(200);
    expect((await s.gql(`query Cheap { lineagePath(from: "${ORDERS}", to: "${CUSTOMERS}") { length } }`, a, {}, 'Cheap')).status).toBe(200);
    const refused = await s.gql(`query Cheap { impact(urn: "${ORDERS}") { total } }`, a, {}, 'Cheap');
    expect(refused).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(refused.message).toMatch(/impact.*HELIX_RATE_LIMIT_EXPENSIVE_PER_MINUTE/);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    // Its request budget is not spent: cheap queries still pass.
    expect((await s.gql('{ graphInfo { graphVersion } }', a)).status).toBe(200);
    const b = await key();
    // A depth in a variable is read from the variables; no depth at all is "as deep as it goes".
    expect((await s.gql('query($d: Int) { lineage(urn: "' + ORDERS + '", depth: $d) { root depth } }', b, { d: 10 })).status).toBe(200);
    expect((await s.gql(`{ lineage(urn: "${ORDERS}") { root depth } }`, b)).status).toBe(200);
    expect((await s.gql(`fragment F on Query { lineage(urn: "${ORDERS}", depth: 4) { root depth } } { ...F }`, b)).code).toBe('RATE_LIMITED');
    const c = await key();
    // Aliases count one each: two impacts spend the whole budget.
    expect((await s.gql(`{ x: impact(urn: "${ORDERS}") { total } y: impact(urn: "${CUSTOMERS}") { total } }`, c)).status).toBe(200);
    expect((await s.gql('{ exportLink(format: GRAPHML) { url } }', c)).code).toBe('RATE_LIMITED');
  });

  it('spends it on GET /api/v1/export, not on POST /api/v1/lineage (one event per request from integrations); a large body past the limit gets its 429 answer', async () => {
    const s = await serve({ HELIX_AUTH_MODE: 'keys', HELIX_RATE_LIMIT_PER_MINUTE: '6', HELIX_RATE_LIMIT_EXPENSIVE_PER_MINUTE: '1' });
    const editor = (await createApiKey(s.helix.exec, { role: 'editor', createdBy: 'test' })).key;
    const auth = { authorization: `Bearer ${editor}` };
    const post = (body: string) => fetch(`${s.base}/api/v1/lineage`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body });
    // Three single-event posts: more than the expensive budget of one, all accepted (requests 1-3).
    for (let i = 0; i < 3; i++) expect((await post(JSON.stringify(event()))).status).toBe(201);
    const exported = await fetch(`${s.base}/api/v1/export?format=jsonl&namespace=jaffle_shop`, { headers: auth });
    expect(exported.status).toBe(200); // request 4, the one expensive operation allowed
    await exported.arrayBuffer();
    const refusedExport = await fetch(`${s.base}/api/v1/export?format=jsonl&namespace=jaffle_shop`, { headers: auth });
    expect(refusedExport.status).toBe(429); // request 5: the expensive budget is spent
    expect((await refusedExport.json()).errors[0].extensions.code).toBe('RATE_LIMITED');
    expect((await post(JSON.stringify(event()))).status).toBe(201); // request 6: events still go in
    // 8 MB of events (under the route's 10 MB) past the request budget: refused before it is parsed, and the client
    // reads the answer.
    const many = JSON.stringify(Array.from({ length: 17_500 }, () => event()));
    expect(many.length).toBeGreaterThan(8_000_000);
    const refused = await post(many);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await refused.json()).errors[0].extensions.code).toBe('RATE_LIMITED');
    // The same connection pool keeps working (nothing was reset): another key is answered.
    const other = (await createApiKey(s.helix.exec, { role: 'viewer', createdBy: 'test' })).key;
    expect((await s.gql('{ graphInfo { graphVersion } }', other)).status).toBe(200);
  });
});

import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelixContext } from '../../../../src/app/context.js';
import { loadDemoGraph } from '../../../../src/demo/load-demo.js';
import { createHttpServer } from '../../../../src/http/server.js';
import { openTestHelix, resetGraph } from '../../../support/graph.js';

const servers: Array<{ server: Server; helix: HelixContext }> = [];

async function serve(overrides: Record<string, string> = {}) {
  const helix = await openTestHelix(overrides);
  const server = createHttpServer(helix);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push({ server, helix });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const gql = (query: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  return { base, gql, helix };
}

let main: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  main = await serve();
  await resetGraph(main.helix);
  await loadDemoGraph(main.helix.exec);
});
afterAll(async () => {
  for (const s of servers) {
    s.server.closeAllConnections();
    await new Promise((r) => s.server.close(r));
    await s.helix.close();
  }
});

describe('HTTP spine', () => {
  it('reports liveness, readiness of Neo4j and Redis, and Prometheus metrics', async () => {
    expect(await (await fetch(`${main.base}/health`)).json()).toEqual({ status: 'ok' });
    const ready = await (await fetch(`${main.base}/ready`)).json();
    expect(ready).toMatchObject({ status: 'ready', neo4j: { ok: true }, cache: { ok: true, kind: 'redis' } });
    await main.gql('{ graphInfo { graphVersion } }');
    const metrics = await (await fetch(`${main.base}/metrics`)).text();
    expect(metrics).toContain('helix_http_request_duration_seconds_bucket');
    expect(metrics).toMatch(/helix_cypher_query_duration_seconds_count\{query="meta\/get-server-info"/);
    expect(metrics).toContain('helix_graphql_operation_duration_seconds');
  });

  it('is degraded, not down, when Redis is unreachable', async () => {
    const broken = await serve({ REDIS_URL: 'redis://127.0.0.1:1' });
    const res = await fetch(`${broken.base}/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'degraded', neo4j: { ok: true }, cache: { ok: false } });
  });

  it('serves GraphiQL and the demo graph over GraphQL', async () => {
    const page = await fetch(`${main.base}/graphql`, { headers: { accept: 'text/html' } });
    expect(await page.text()).toContain('GraphiQL');
    const res = await (await main.gql('{ graphInfo { neo4jVersion schemaVersion } node(id: "HGNC:9008") { id type } }')).json();
    expect(res.data.graphInfo.neo4jVersion).toMatch(/^5\.26\./);
    expect(res.data.graphInfo.schemaVersion).toBeGreaterThan(0);
    expect(res.data.node).toMatchObject({ id: 'HGNC:9008', type: 'Gene' });
  });

  it('answers errors with codes of the closed enum and masks internals', async () => {
    const bad = await (await main.gql('{ nope }')).json();
    expect(bad.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const syntax = await (await main.gql('{ graphInfo ')).json();
    expect(syntax.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const deep = 'node(id: "x") { id ' + '... on Ingestion { id } '.repeat(1) + '}';
    const many = await (await main.gql(`{ ${Array.from({ length: 40 }, (_, i) => `a${i}: ${deep}`).join(' ')} }`)).json();
    expect(many.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    const tooMany = await (await main.gql(`{ nodes(ids: [${Array.from({ length: 501 }, (_, i) => `"u${i}"`).join(',')}]) { id } }`)).json();
    expect(tooMany.errors[0]).toMatchObject({ message: 'nodes(ids) takes at most 500 ids', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('requires the bearer token when one is configured and limits request rates', async () => {
    const secured = await serve({ HELIX_AUTH_TOKEN: 'letmein', HELIX_RATE_LIMIT_PER_MINUTE: '3', HELIX_RATE_LIMIT_KEY_PREFIX: `helix:test:rl:${Date.now()}` });
    const anonymous = await secured.gql('{ graphInfo { graphVersion } }');
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await secured.gql('{ graphInfo { graphVersion } }', { authorization: 'Bearer letmein' })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('throttles failed authentications per address, even for the right token once blocked; answers 429 with Retry-After after draining the body', async () => {
    const secured = await serve({ HELIX_AUTH_TOKEN: 'letmein', HELIX_AUTH_FAILURES_PER_MINUTE: '5', HELIX_RATE_LIMIT_KEY_PREFIX: `helix:test:af:${Date.now()}` });
    await fetch(`${secured.base}/ready`); // Redis connected, so the budget is kept there from the first failure
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await secured.gql('{ graphInfo { graphVersion } }', { authorization: `Bearer guess${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const blocked = await secured.gql('{ graphInfo { graphVersion } }', { authorization: 'Bearer letmein' });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await blocked.json()).errors[0].extensions.code).toBe('RATE_LIMITED');
    // A large body sent with a wrong token still gets its answer (not a reset connection).
    const big = await fetch(`${secured.base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer nope' }, body: JSON.stringify({ query: `{ graphInfo { graphVersion } } # ${'x'.repeat(2_000_000)}` }) });
    expect(big.status).toBe(429);
  });

  it('bounds the operation-name labels of /metrics and serves /metrics only with a token when one is configured', async () => {
    const secured = await serve({ HELIX_AUTH_TOKEN: 'letmein', HELIX_METRICS_TOKEN: 'scraper', HELIX_RATE_LIMIT_KEY_PREFIX: `helix:test:m:${Date.now()}` });
    const auth = { authorization: 'Bearer letmein' };
    for (let i = 0; i < 5; i++) {
      const name = `Q${i}_${'x'.repeat(5000)}`;
      await fetch(`${secured.base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ query: `query ${name} { graphInfo { graphVersion } }`, operationName: name }) });
    }
    expect((await fetch(`${secured.base}/metrics`)).status).toBe(401);
    expect((await fetch(`${secured.base}/metrics`, { headers: auth })).status).toBe(401);
    const metrics = await (await fetch(`${secured.base}/metrics`, { headers: { authorization: 'Bearer scraper' } })).text();
    expect(metrics).not.toContain('x'.repeat(100));
    expect(metrics).toMatch(/helix_graphql_operation_duration_seconds_count\{operation="other"/);
  });

  it('production defaults: no GraphiQL, no introspection, no suggestions, bounded bodies, /ready without details for anonymous callers', async () => {
    const prod = await serve({ NODE_ENV: 'test', HELIX_GRAPHIQL: 'false', HELIX_INTROSPECTION: 'false', HELIX_FIELD_SUGGESTIONS: 'false', HELIX_AUTH_TOKEN: 'letmein', HELIX_RATE_LIMIT_KEY_PREFIX: `helix:test:p:${Date.now()}` });
    const auth = { authorization: 'Bearer letmein' };
    const page = await fetch(`${prod.base}/graphql`, { headers: { accept: 'text/html', ...auth } });
    expect(await page.text()).not.toMatch(/graphiql/i);
    const introspection = await (await prod.gql('{ __schema { types { name } } }', auth)).json();
    expect(introspection.data ?? null).toBeNull();
    expect(introspection.errors[0].message).toMatch(/introspection/i);
    const typo = await (await prod.gql('{ graphInf { graphVersion } }', auth)).json();
    expect(typo.errors[0].message).not.toMatch(/Did you mean/);
    const badEnum = await (
      await fetch(`${prod.base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ query: 'query($d: LineageDirection!) { lineage(urn: "x", direction: $d) { root { urn } } }', variables: { d: 'UPSTREAMS' } }) })
    ).json();
    expect(JSON.stringify(badEnum.errors)).not.toMatch(/Did you mean|UPSTREAM"/);
    const huge = await fetch(`${prod.base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ query: `{ graphInfo { graphVersion } } # ${'x'.repeat(2 * 1024 * 1024)}` }) });
    expect(huge.status).toBe(413);
    expect((await huge.json()).errors[0].message).toMatch(/HELIX_MAX_BODY_BYTES/);
    const anonymousReady = await (await fetch(`${prod.base}/ready`)).json();
    expect(anonymousReady).toEqual({ status: 'ready', neo4j: { ok: true }, cache: { ok: true } });
    expect((await (await fetch(`${prod.base}/ready`, { headers: auth })).json()).neo4j.version).toMatch(/^5\./);
    // Development keeps the conveniences.
    expect((await (await main.gql('{ __schema { queryType { name } } }')).json()).data.__schema.queryType.name).toBe('Query');
  });
});

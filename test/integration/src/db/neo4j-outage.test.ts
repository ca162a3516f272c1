import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openHelix, type HelixContext } from '../../../../src/app/context.js';
import { configSchema } from '../../../../src/config/schema.js';
import { loadDemoGraph } from '../../../../src/demo/load-demo.js';
import { freePort, startLocalNeo4j, stopLocalNeo4j } from '../../../../src/local-neo4j/local-neo4j.js';
import { createLogger } from '../../../../src/observability/logger.js';
import { projectRoot } from '../../../../src/project-root.js';
import { postGraphQL, startTestServer, waitUntil } from '../../../support/http-server.js';

/**
 * Fault: Neo4j stops while Helix serves, then comes back (fault review: /ready took 32–61 s to say 503, GraphQL and
 * OpenLineage answered after ~30 s). A Neo4j of its own, really stopped and started on the same port, so the shared
 * test instance is never disturbed.
 */
const HOME = '.neo4j/fault-outage';
const LINEAGE = `query L($urn: ID!) { lineage(urn: $urn, direction: UPSTREAM, depth: 3) { root nodes { urn } } }`;
const CUSTOMERS = 'urn:dbt:jaffle_shop:model.jaffle_shop.customers';
const ORDERS = 'urn:dbt:jaffle_shop:model.jaffle_shop.orders';
const olEvent = (runId: string) => ({
  eventType: 'START',
  eventTime: new Date().toISOString(),
  producer: 'https://example.com/fault-test',
  schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
  run: { runId },
  job: { namespace: 'faults', name: 'outage.job' },
  inputs: [],
  outputs: [],
});

describe('Neo4j stopped while serving', () => {
  let port: number;
  let helix: HelixContext;
  let http: Awaited<ReturnType<typeof startTestServer>>;
  const start = () => startLocalNeo4j({ home: HOME, port, heap: '512m', pagecache: '128m' });

  beforeAll(async () => {
    port = await freePort();
    await start();
    const config = configSchema.parse({
      NODE_ENV: 'test',
      NEO4J_URI: `bolt://127.0.0.1:${port}`,
      REDIS_URL: inject('redisUrl'),
      LOG_LEVEL: 'silent',
    });
    helix = await openHelix(config, createLogger('silent'), { migrate: true, log: () => {} });
    await loadDemoGraph(helix.exec, { force: true });
    http = await startTestServer(helix);
  }, 300_000);

  afterAll(async () => {
    await http?.close();
    await helix?.close();
    await stopLocalNeo4j(HOME);
    rmSync(path.join(projectRoot(), HOME), { recursive: true, force: true });
  }, 120_000);

  it('fails fast with SERVICE_UNAVAILABLE, serves cached answers, and recovers by itself', async () => {
    const ready = () => fetch(`${http.base}/ready`).then(async (r) => ({ status: r.status, body: (await r.json()) as { status: string } }));
    expect((await ready()).status).toBe(200);
    const cached = await postGraphQL(http.base, LINEAGE, { urn: CUSTOMERS });
    expect(cached.body.errors).toBeUndefined();
    expect((cached.body.data!.lineage as { nodes: unknown[] }).nodes.length).toBeGreaterThan(1);

    await stopLocalNeo4j(HOME);
    // /ready says 503 within 3 s of Neo4j being gone (was 32–61 s).
    const flipMs = await waitUntil(async () => (await ready()).status === 503, 10_000, 100);
    expect(flipMs).toBeLessThanOrEqual(3000);
    expect((await ready()).body.status).toBe('unavailable');

    // An uncached question: a clear SERVICE_UNAVAILABLE at once, not a 30 s wait.
    let t = performance.now();
    const uncached = await postGraphQL(http.base, LINEAGE, { urn: ORDERS });
    const uncachedMs = performance.now() - t;
    expect(uncached.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(uncachedMs).toBeLessThan(1000);

    // The cached answer is still served while the database is away.
    const again = await postGraphQL(http.base, LINEAGE, { urn: CUSTOMERS });
    expect(again.body).toEqual(cached.body);

    // OpenLineage intake: 503 with Retry-After at once (was 500 after 31 s).
    t = performance.now();
    const post = await fetch(`${http.base}/api/v1/lineage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(olEvent('0190e0a4-58cb-7c1a-9c1e-5d2e0f6a1b01')) });
    expect(post.status).toBe(503);
    expect(post.headers.get('retry-after')).toBeTruthy();
    expect(((await post.json()) as { error: { code: string } }).error.code).toBe('SERVICE_UNAVAILABLE');
    expect(performance.now() - t).toBeLessThan(1000);

    // Neo4j returns on the same port: Helix recovers by itself, no restart.
    await start();
    const recoverMs = await waitUntil(async () => (await ready()).status === 200, 30_000, 100);
    expect(recoverMs).toBeLessThanOrEqual(5000);
    const after = await postGraphQL(http.base, LINEAGE, { urn: ORDERS });
    expect(after.body.errors).toBeUndefined();
    const stored = await fetch(`${http.base}/api/v1/lineage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(olEvent('0190e0a4-58cb-7c1a-9c1e-5d2e0f6a1b02')) });
    expect(stored.status).toBe(201);
    process.stderr.write(`[neo4j-outage] /ready 503 after ${Math.round(flipMs)} ms; uncached GraphQL refused in ${Math.round(uncachedMs)} ms; ready again ${Math.round(recoverMs)} ms after Bolt answered\n`);
  }, 400_000);
});

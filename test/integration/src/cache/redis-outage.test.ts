import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelixContext } from '../../../../src/app/context.js';
import { loadDemoGraph } from '../../../../src/demo/load-demo.js';
import { HelixEventBus } from '../../../../src/events/bus.js';
import { startRedisRelay } from '../../../../src/events/redis-relay.js';
import { freePort } from '../../../../src/local-neo4j/local-neo4j.js';
import { openTestHelix, resetGraph } from '../../../support/graph.js';
import { postGraphQL, startTestServer, waitUntil } from '../../../support/http-server.js';
import { TestRedis } from '../../../support/redis-server.js';

/**
 * Fault: Redis stops while Helix serves (a redis-server of this test's own, killed and started again on the same
 * port). Queries keep answering from Neo4j (cache misses), /ready says `degraded`; when Redis is back, caching, rate
 * limits and cross-process events resume without a restart.
 */
const LINEAGE = `query L($urn: ID!, $depth: Int) { lineage(urn: $urn, direction: UPSTREAM, depth: $depth) { root nodes { urn } } }`;
const CUSTOMERS = 'urn:dbt:jaffle_shop:model.jaffle_shop.customers';

describe('Redis stopped while serving', () => {
  let redis: TestRedis;
  let helix: HelixContext;
  let http: Awaited<ReturnType<typeof startTestServer>>;
  let peek: Redis;

  beforeAll(async () => {
    redis = new TestRedis(await freePort());
    await redis.start();
    helix = await openTestHelix({ REDIS_URL: redis.url });
    await resetGraph(helix);
    await loadDemoGraph(helix.exec, { force: true });
    http = await startTestServer(helix);
    peek = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    peek.on('error', () => {});
  }, 300_000);

  afterAll(async () => {
    peek?.disconnect();
    await http?.close();
    await resetGraph(helix);
    await helix?.close();
    await redis?.stop();
  });

  const ready = async () => {
    const r = await fetch(`${http.base}/ready`);
    return { status: r.status, body: (await r.json()) as { status: string } };
  };
  const cachedResponses = async () => (await peek.keys('helix:cache:response:*')).length;

  it('answers from Neo4j while Redis is away and resumes caching and events when it returns', async () => {
    expect((await ready()).body.status).toBe('ready');
    const first = await postGraphQL(http.base, LINEAGE, { urn: CUSTOMERS, depth: 1 });
    expect(first.body.errors).toBeUndefined();
    await waitUntil(async () => (await cachedResponses()) > 0, 5000);

    await redis.stop();
    const degradedMs = await waitUntil(async () => (await ready()).body.status === 'degraded', 10_000);
    expect((await ready()).status).toBe(200);
    // Cache misses are answered from Neo4j, quickly (no wait on the absent Redis), rate limits included.
    for (const depth of [2, 3, 4]) {
      const t = performance.now();
      const answer = await postGraphQL(http.base, LINEAGE, { urn: CUSTOMERS, depth });
      expect(answer.body.errors).toBeUndefined();
      expect((answer.body.data!.lineage as { nodes: unknown[] }).nodes.length).toBeGreaterThan(0);
      expect(performance.now() - t).toBeLessThan(5000);
    }

    await redis.start();
    const backMs = await waitUntil(async () => (await ready()).body.status === 'ready', 15_000);
    // Answers are cached in Redis again.
    const before = await cachedResponses();
    const again = await postGraphQL(http.base, LINEAGE, { urn: CUSTOMERS, depth: 5 });
    expect(again.body.errors).toBeUndefined();
    await waitUntil(async () => (await cachedResponses()) > before, 5000);
    // Events cross processes again: the server's relay (reconnected) hears another process's event.
    const other = new HelixEventBus();
    const relay = await startRedisRelay(redis.url, other);
    const { helixEvents } = await import('../../../../src/events/bus.js');
    const heard: string[] = [];
    const off = helixEvents.subscribe('runUpdated', (e) => heard.push(e.urn));
    try {
      await waitUntil(async () => {
        other.publish('runUpdated', { urn: 'urn:ol:run:redis-back', runId: 'redis-back', status: 'running', jobUrns: [], jobNames: [], eventType: 'START', eventTime: null });
        return heard.includes('urn:ol:run:redis-back');
      }, 10_000, 250);
    } finally {
      off();
      await relay.close();
    }
    process.stderr.write(`[redis-outage] degraded after ${Math.round(degradedMs)} ms; ready again ${Math.round(backMs)} ms after redis-server answered\n`);
  }, 120_000);
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { startServeChild, type ServeChild } from '../../../../bench/harness/serve-child.js';
import type { HelixContext } from '../../../../src/app/context.js';
import { loadDemoGraph } from '../../../../src/demo/load-demo.js';
import { openTestHelix, resetGraph } from '../../../support/graph.js';
import { postGraphQL, waitUntil } from '../../../support/http-server.js';
import { openSse } from '../../../support/sse-stream.js';

/**
 * Two `helix serve` processes behind one Redis and one Neo4j (as behind a load balancer) give the same answers:
 * graph version and cached answers, rate limits and subscriptions are shared.
 */
const CUSTOMERS = 'urn:dbt:jaffle_shop:model.jaffle_shop.customers';
const TAGS = `{ capsule(urn: "${CUSTOMERS}") { urn tags { name } } }`;
const LIMIT = 80;

describe('two helix serve processes', () => {
  let helix: HelixContext;
  let a: ServeChild;
  let b: ServeChild;
  /** Guarded requests made so far (they all count against the one shared budget of this client). */
  let spent = 0;
  const gql = (s: ServeChild, query: string) => {
    spent++;
    return postGraphQL(s.base, query);
  };

  beforeAll(async () => {
    helix = await openTestHelix();
    await resetGraph(helix);
    await loadDemoGraph(helix.exec, { force: true });
    const env = {
      NEO4J_URI: inject('neo4jUri'),
      REDIS_URL: inject('redisUrl'),
      NODE_ENV: 'test',
      HELIX_RATE_LIMIT_PER_MINUTE: String(LIMIT),
      HELIX_RATE_LIMIT_KEY_PREFIX: `helix:rl:two-servers:${randomUUID()}`,
    };
    [a, b] = await Promise.all([startServeChild(env), startServeChild(env)]);
  }, 400_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await resetGraph(helix);
    await helix.close();
  });

  it('a mutation on one is seen at once by a cached query on the other', async () => {
    const before = await gql(b, TAGS);
    expect(before.body.errors).toBeUndefined();
    expect((await gql(b, TAGS)).body).toEqual(before.body); // now served from B's caches
    const tag = `shared-${Date.now()}`;
    const mutation = await gql(a, `mutation { addTag(urn: "${CUSTOMERS}", tag: "${tag}") { urn } }`);
    expect(mutation.body.errors).toBeUndefined();
    const after = await gql(b, TAGS);
    expect((after.body.data!.capsule as { tags: Array<{ name: string }> }).tags.map((t) => t.name)).toContain(tag);
  });

  it('a subscription on one sees a run updated through the other', async () => {
    const sub = await openSse(`${b.base}/graphql`, 'subscription { runUpdated(filter: { job: "two.servers" }) { urn } }');
    spent++;
    try {
      // The subscription is registered once B has answered its headers; an event may still race it: post until heard
      // (each POST is a new state of the run: a replayed event announces nothing).
      const runId = randomUUID();
      let n = 0;
      await waitUntil(
        async () => {
          spent++;
          const res = await fetch(`${a.base}/api/v1/lineage`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              eventType: n++ === 0 ? 'START' : 'RUNNING',
              eventTime: new Date(Date.now() + n).toISOString(),
              producer: 'https://helix.test/two-servers',
              schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
              run: { runId },
              job: { namespace: 'two-servers', name: 'two.servers' },
              inputs: [],
              outputs: [],
            }),
          });
          expect(res.status).toBe(201);
          await new Promise((r) => setTimeout(r, 500));
          return sub.events.some((e) => e.data.includes(`urn:ol:run:${runId}`));
        },
        20_000,
        0,
      );
    } finally {
      sub.close();
    }
  });

  it('shares one rate budget: what one server spent, the other does not grant again', async () => {
    const remaining = LIMIT - spent;
    expect(remaining).toBeGreaterThan(10);
    const half = Math.floor(remaining / 2);
    for (let i = 0; i < half; i++) expect((await gql(a, '{ __typename }')).status).toBe(200);
    let grantedByB = 0;
    for (;;) {
      const res = await gql(b, '{ __typename }');
      if (res.status === 429) break;
      expect(res.status).toBe(200);
      grantedByB++;
      expect(grantedByB).toBeLessThanOrEqual(LIMIT);
    }
    // B granted only what A left of the shared budget (without sharing it would have granted LIMIT - its own use).
    expect(grantedByB).toBe(remaining - half);
  });
});

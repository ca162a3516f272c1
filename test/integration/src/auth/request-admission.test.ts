import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { RequestAdmission } from '../../../../src/auth/request-admission.js';
import { rateLimiters } from '../../../../src/auth/rate-limits.js';
import { RedisCache } from '../../../../src/cache/redis-cache.js';
import { configSchema } from '../../../../src/config/schema.js';

/**
 * Issue #17: a guarded request used two Redis round trips (the address's failed-authentication block, then the
 * caller's budget). RequestAdmission does both in one, on the real Redis, exactly (budgets shared by processes).
 */
const caches: RedisCache[] = [];
afterAll(async () => Promise.all(caches.map((c) => c.close())));

async function process_(prefix: string, perMinute: number, failures: number) {
  const cache = RedisCache.connect(inject('redisUrl'));
  caches.push(cache);
  await cache.get('warm-up'); // connected: budgets are kept in Redis, not in the memory insurance
  const config = configSchema.parse({ HELIX_RATE_LIMIT_PER_MINUTE: String(perMinute), HELIX_AUTH_FAILURES_PER_MINUTE: String(failures), HELIX_RATE_LIMIT_KEY_PREFIX: prefix });
  const limiters = rateLimiters({ config, cache });
  return { cache, limiters, admission: new RequestAdmission(cache, limiters, failures) };
}

/** Redis commands the client sends (counted, not changed). */
function countCommands(cache: RedisCache): string[] {
  const sent: string[] = [];
  const client = cache.client as unknown as { sendCommand(c: { name: string }): unknown };
  const send = client.sendCommand.bind(client);
  client.sendCommand = (c) => (sent.push(c.name), send(c));
  return sent;
}

describe('request admission', () => {
  it('spends the budget in one round trip, exactly, in the keys of the request limiter', async () => {
    const p = await process_(`helix:test:admit:${randomUUID()}`, 3, 5);
    const sent = countCommands(p.cache);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await p.admission.admit('10.0.0.1', 'key:a', true));
    expect(answers.slice(0, 3)).toEqual([undefined, undefined, undefined]);
    expect(answers[3]).toMatchObject({ reason: 'budget' });
    expect(answers[3]!.msBeforeNext).toBeGreaterThan(0);
    expect(sent).toHaveLength(4); // one command (the script) per request
    // rate-limiter-flexible reads the same counter (other code paths spend and read these budgets through it).
    expect((await p.limiters.requests.get('key:a'))?.consumedPoints).toBe(4);
  });

  it('refuses an authenticated caller from a blocked address without spending its budget, and remembers the block', async () => {
    const prefix = `helix:test:admit:${randomUUID()}`;
    const p = await process_(prefix, 100, 2);
    expect(await p.admission.failed('10.0.0.2')).toBeUndefined();
    expect(await p.admission.failed('10.0.0.2')).toBeUndefined();
    const third = await p.admission.failed('10.0.0.2');
    expect(third).toBeGreaterThan(0);
    expect(p.admission.blocked('10.0.0.2')).toBeGreaterThan(0);
    // Another process learns the block from Redis on its first request (right credential or not), then locally.
    const q = await process_(prefix, 100, 2);
    expect(q.admission.blocked('10.0.0.2')).toBeUndefined();
    const refused = await q.admission.admit('10.0.0.2', 'token:deployment', true);
    expect(refused).toMatchObject({ reason: 'blocked' });
    expect(refused!.msBeforeNext).toBeGreaterThan(0);
    expect(q.admission.blocked('10.0.0.2')).toBeGreaterThan(0);
    expect(await q.limiters.requests.get('token:deployment')).toBeNull(); // nothing spent
    // Another address is not blocked; with auth off (no block check) the address's budget is spent alone.
    expect(await q.admission.admit('10.0.0.3', 'token:deployment', true)).toBeUndefined();
    expect(await q.admission.admit('10.0.0.2', 'addr:10.0.0.2', false)).toBeUndefined();
  });

  it('two processes share one budget exactly', async () => {
    const prefix = `helix:test:admit:${randomUUID()}`;
    const [a, b] = [await process_(prefix, 10, 5), await process_(prefix, 10, 5)];
    let granted = 0;
    for (let i = 0; i < 8; i++) if ((await (i % 2 ? a : b).admission.admit('10.0.0.4', 'key:shared', true)) === undefined) granted++;
    for (let i = 0; i < 4; i++) if ((await b.admission.admit('10.0.0.5', 'key:shared', true)) === undefined) granted++;
    expect(granted).toBe(10);
  });
});

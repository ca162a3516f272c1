import type { Redis } from 'ioredis';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Cache } from '../cache/cache.js';
import { RedisCache } from '../cache/redis-cache.js';
import { spend } from './rate-limits.js';

/**
 * Admission of a guarded request in ONE Redis round trip (issue #17: two round trips per request were ~15% of a
 * no-op request's CPU): the failed-authentication block of the address and the caller's request budget are checked
 * and spent by one Lua script, with the key layout and arithmetic of rate-limiter-flexible's RateLimiterRedis (its
 * `${prefix}:${key}` keys, `SET NX EX` then `INCRBY`), so both stay exact and shared by every process.
 *
 * Blocked addresses are also remembered in this process until their block ends: a blocked caller's further
 * requests are refused without Redis and without checking their credential (docs/security.md, "Rate limits").
 */
const SCRIPT = `
local failed = tonumber(redis.call('get', KEYS[1]) or '0')
if failed >= tonumber(ARGV[1]) then
  return {-1, redis.call('pttl', KEYS[1])}
end
redis.call('set', KEYS[2], 0, 'EX', ARGV[3], 'NX')
local consumed = redis.call('incrby', KEYS[2], ARGV[2])
local ttl = redis.call('pttl', KEYS[2])
if ttl == -1 then
  redis.call('expire', KEYS[2], ARGV[3])
  ttl = 1000 * ARGV[3]
end
return {consumed, ttl}
`;

type AdmitClient = Redis & { helixAdmit(blockKey: string, budgetKey: string, failLimit: number, points: number, seconds: number): Promise<[number, number]> };

const defined = new WeakSet<Redis>();

function admitClient(client: Redis): AdmitClient {
  if (!defined.has(client)) {
    client.defineCommand('helixAdmit', { numberOfKeys: 2, lua: SCRIPT });
    defined.add(client);
  }
  return client as AdmitClient;
}

/** Undefined: admitted; otherwise why not and for how long (ms). */
export type Refusal = { reason: 'blocked' | 'budget'; msBeforeNext: number } | undefined;

/** At most this many blocked addresses are remembered locally (a flood of addresses cannot grow memory). */
const MAX_REMEMBERED = 10_000;

export class RequestAdmission {
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    private readonly cache: Cache,
    private readonly limiters: { requests: RateLimiterAbstract; authFailures: RateLimiterAbstract },
    private readonly failLimit: number,
  ) {}

  /** The address is known (in this process) to be blocked: the milliseconds left, else undefined. */
  blocked(address: string): number | undefined {
    const until = this.blockedUntil.get(address);
    if (until === undefined) return undefined;
    const left = until - Date.now();
    if (left > 0) return left;
    this.blockedUntil.delete(address);
    return undefined;
  }

  /** A failed authentication from `address`: spends its budget; returns the wait when it is now blocked. */
  async failed(address: string): Promise<number | undefined> {
    const over = await this.limiters.authFailures.consume(address).then(
      () => undefined,
      (r: unknown) => (r instanceof Error ? undefined : (r as { msBeforeNext?: number })),
    );
    if (!over) return undefined;
    const ms = Math.max(1, over.msBeforeNext ?? 60_000);
    this.remember(address, ms);
    return ms;
  }

  /**
   * An authenticated caller from `address` spends one point of `who`'s budget, unless the address is blocked by failed
   * authentications (then nothing is spent). One round trip with Redis; without Redis (or while it fails) the two
   * limiters answer as before (their memory insurance included).
   */
  async admit(address: string, who: string, checkBlock: boolean): Promise<Refusal> {
    const requests = this.limiters.requests as RateLimiterAbstract & { keyPrefix: string; points: number; duration: number };
    const failures = this.limiters.authFailures as RateLimiterAbstract & { keyPrefix: string };
    if (checkBlock && this.cache instanceof RedisCache) {
      let reply: [number, number] | undefined;
      try {
        reply = await admitClient(this.cache.client).helixAdmit(`${failures.keyPrefix}:${address}`, `${requests.keyPrefix}:${who}`, this.failLimit, 1, requests.duration);
      } catch {
        reply = undefined; // Redis away: the limiters below fall back to their memory insurance
      }
      if (reply) {
        const [consumed, ttl] = reply.map(Number) as [number, number];
        if (consumed === -1) return this.block(address, ttl);
        return consumed > requests.points ? { reason: 'budget', msBeforeNext: Math.max(1, ttl) } : undefined;
      }
    }
    if (checkBlock) {
      const blocked = await this.limiters.authFailures.get(address).catch(() => null);
      if (blocked && blocked.consumedPoints >= this.failLimit) return this.block(address, blocked.msBeforeNext);
    }
    const wait = await spend(this.limiters.requests, who);
    return wait === undefined ? undefined : { reason: 'budget', msBeforeNext: wait };
  }

  private block(address: string, ms: number): Refusal {
    const wait = ms > 0 ? ms : 60_000;
    this.remember(address, wait);
    return { reason: 'blocked', msBeforeNext: wait };
  }

  private remember(address: string, ms: number): void {
    if (this.blockedUntil.size >= MAX_REMEMBERED) {
      const now = Date.now();
      for (const [a, until] of this.blockedUntil) if (until <= now) this.blockedUntil.delete(a);
      if (this.blockedUntil.size >= MAX_REMEMBERED) this.blockedUntil.clear();
    }
    this.blockedUntil.set(address, Date.now() + ms);
  }
}

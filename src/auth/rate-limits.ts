import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Cache } from '../cache/cache.js';
import { RedisCache } from '../cache/redis-cache.js';
import type { Config } from '../config/schema.js';
import type { Principal } from './principal.js';

type LimitConfig = Pick<Config, 'HELIX_RATE_LIMIT_PER_MINUTE' | 'HELIX_RATE_LIMIT_EXPENSIVE_PER_MINUTE' | 'HELIX_AUTH_FAILURES_PER_MINUTE' | 'HELIX_RATE_LIMIT_KEY_PREFIX'>;

/** The budgets of one process (docs/security.md, "Rate limits"), shared through Redis when the cache is Redis. */
export interface RateLimiters {
  /** Every guarded request, per caller. */
  requests: RateLimiterAbstract;
  /** Expensive operations (deep lineage, impact, paths, exports, evaluations, ingestions), per caller, lower. */
  expensive: RateLimiterAbstract;
  /** Failed authentications, per address. */
  authFailures: RateLimiterAbstract;
}

/** Expensive operations a caller may start per minute: the setting, else a tenth of the request budget. */
export function expensivePerMinute(c: LimitConfig): number {
  return c.HELIX_RATE_LIMIT_EXPENSIVE_PER_MINUTE ?? Math.max(1, Math.floor(c.HELIX_RATE_LIMIT_PER_MINUTE / 10));
}

// One set per context: the HTTP routes and the GraphQL plugin spend the same budgets, also without Redis.
const byContext = new WeakMap<object, RateLimiters>();

export function rateLimiters(helix: { config: LimitConfig; cache: Cache }): RateLimiters {
  let limiters = byContext.get(helix);
  if (!limiters) {
    const c = helix.config;
    limiters = {
      requests: limiter(helix.cache, c.HELIX_RATE_LIMIT_PER_MINUTE, c.HELIX_RATE_LIMIT_KEY_PREFIX),
      expensive: limiter(helix.cache, expensivePerMinute(c), `${c.HELIX_RATE_LIMIT_KEY_PREFIX}:expensive`),
      authFailures: limiter(helix.cache, c.HELIX_AUTH_FAILURES_PER_MINUTE, `${c.HELIX_RATE_LIMIT_KEY_PREFIX}:authfail`),
    };
    byContext.set(helix, limiters);
  }
  return limiters;
}

function limiter(cache: Cache, points: number, keyPrefix: string): RateLimiterAbstract {
  const opts = { points, duration: 60, keyPrefix };
  if (cache instanceof RedisCache) {
    return new RateLimiterRedis({ ...opts, storeClient: cache.client, insuranceLimiter: new RateLimiterMemory(opts) });
  }
  return new RateLimiterMemory(opts);
}

/**
 * Whose budget a request spends: an API key's id, an OIDC subject, the deployment token; the address only for
 * callers nobody authenticated (auth off). Many clients behind one proxy with their own keys do not share a budget,
 * and one key cannot multiply its budget by spreading over addresses.
 */
export function rateKey(principal: Principal, address: string | undefined): string {
  return principal.kind === 'open' ? `addr:${address ?? 'unknown'}` : `${principal.kind}:${principal.id}`;
}

/**
 * Spends `points` of `key`'s budget: undefined when granted, else the milliseconds until it may try again.
 * A limiter error counts as a refusal (as before per-key budgets); the Redis limiters have a memory insurance.
 */
export async function spend(limiter: RateLimiterAbstract, key: string, points = 1): Promise<number | undefined> {
  try {
    await limiter.consume(key, points);
    return undefined;
  } catch (rejection) {
    return Math.max(1, (rejection as { msBeforeNext?: number }).msBeforeNext ?? 60_000);
  }
}

/** Retry-After (whole seconds, at least 1) for a wait in milliseconds. */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

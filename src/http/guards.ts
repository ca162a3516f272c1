import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { HelixContext } from '../app/context.js';
import { RedisCache } from '../cache/redis-cache.js';

/** Bearer-token check when HELIX_AUTH_TOKEN is set (production requires it). */
export function authorized(req: IncomingMessage, token: string | undefined): boolean {
  if (!token) return true;
  const header = req.headers.authorization ?? '';
  const given = Buffer.from(header.replace(/^Bearer\s+/i, ''));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Per-client request budget, shared through Redis when the cache is Redis, per process otherwise. */
export function createRateLimiter(helix: HelixContext): RateLimiterAbstract {
  const opts = { points: helix.config.HELIX_RATE_LIMIT_PER_MINUTE, duration: 60, keyPrefix: helix.config.HELIX_RATE_LIMIT_KEY_PREFIX };
  if (helix.cache instanceof RedisCache) {
    return new RateLimiterRedis({ ...opts, storeClient: helix.cache.client, insuranceLimiter: new RateLimiterMemory(opts) });
  }
  return new RateLimiterMemory(opts);
}

/**
 * Failed authentications per address: an address past HELIX_AUTH_FAILURES_PER_MINUTE is refused (429) until the
 * minute is over, even with the right token, so a token cannot be guessed by volume. Shared through Redis like the
 * request budget.
 */
export function createAuthFailureLimiter(helix: HelixContext): RateLimiterAbstract {
  const opts = { points: helix.config.HELIX_AUTH_FAILURES_PER_MINUTE, duration: 60, keyPrefix: `${helix.config.HELIX_RATE_LIMIT_KEY_PREFIX}:authfail` };
  if (helix.cache instanceof RedisCache) {
    return new RateLimiterRedis({ ...opts, storeClient: helix.cache.client, insuranceLimiter: new RateLimiterMemory(opts) });
  }
  return new RateLimiterMemory(opts);
}

export function clientKey(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}

import type { Cache } from './cache.js';
import { MemoryCache } from './cache.js';
import { RedisCache } from './redis-cache.js';

/** Redis when REDIS_URL is set, otherwise a per-process memory cache. */
export function createCache(redisUrl: string | undefined): Cache {
  return redisUrl ? RedisCache.connect(redisUrl) : new MemoryCache();
}

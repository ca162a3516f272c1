import { describe, expect, inject, it } from 'vitest';
import { RedisCache } from '../../../../src/cache/redis-cache.js';
import { MemoryCache } from '../../../../src/cache/cache.js';
import { announceKeyRevocation } from '../../../../src/auth/key-cache.js';

/**
 * A short-lived process (`helix keys revoke`) writes to Redis right after connecting. With ioredis's offline queue
 * off, a command sent before the connection is ready used to fail at once and the cache swallowed the failure: the
 * revocation epoch was never written and other servers kept trusting the revoked key for HELIX_KEY_CACHE_MS.
 */
describe('RedisCache right after connecting', () => {
  it('writes and reads without waiting for the caller to see the connection ready', async () => {
    for (let i = 0; i < 5; i++) {
      const cache = RedisCache.connect(inject('redisUrl'));
      try {
        await cache.set(`test:fresh:${i}`, 'v', 10);
        expect(await cache.get(`test:fresh:${i}`)).toBe('v');
      } finally {
        await cache.close();
      }
    }
  });

  it('announces a key revocation from a fresh connection, and says when it could not', async () => {
    const cache = RedisCache.connect(inject('redisUrl'));
    try {
      expect(await announceKeyRevocation(cache)).toBe(true);
    } finally {
      await cache.close();
    }
    // No Redis: nobody else can be told.
    expect(await announceKeyRevocation(new MemoryCache())).toBe(false);
  });
});

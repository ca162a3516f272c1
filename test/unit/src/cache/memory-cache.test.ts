import { describe, expect, it } from 'vitest';
import { MemoryCache } from '../../../../src/cache/cache.js';

describe('in-memory cache fallback', () => {
  it('expires entries and evicts the least recently used', async () => {
    const cache = new MemoryCache(2);
    await cache.set('a', '1', 60);
    await cache.set('b', '2', 60);
    expect(await cache.get('a')).toBe('1'); // a is now most recent
    await cache.set('c', '3', 60);
    expect(await cache.get('b')).toBeUndefined();
    expect(await cache.get('a')).toBe('1');
    await cache.set('d', '4', -1);
    expect(await cache.get('d')).toBeUndefined();
  });
});

import { MemoryCache, type Cache } from './cache.js';

/**
 * A small per-process memory cache in front of a shared one (Redis): repeated answers skip the network hop. Safe
 * because every key carries the graph version it was computed at (a changed graph asks for new keys), and the
 * memory entries keep the same lifetime as the shared ones.
 */
export class TieredCache implements Cache {
  readonly kind: Cache['kind'];
  private readonly near: MemoryCache;

  constructor(
    private readonly far: Cache,
    maxEntries = 2000,
  ) {
    this.kind = far.kind;
    this.near = new MemoryCache(maxEntries);
  }

  async get(key: string): Promise<string | undefined> {
    const near = await this.near.get(key);
    if (near !== undefined) return near;
    const far = await this.far.get(key);
    // The shared entry's remaining lifetime is unknown: keep it near for a short while only.
    if (far !== undefined) await this.near.set(key, far, 10);
    return far;
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.near.set(key, value, ttlSeconds);
    await this.far.set(key, value, ttlSeconds);
  }

  ping(): Promise<boolean> {
    return this.far.ping();
  }

  async close(): Promise<void> {
    await this.near.close();
    await this.far.close();
  }
}

import { Redis } from 'ioredis';
import type { Cache } from './cache.js';

export class RedisCache implements Cache {
  readonly kind = 'redis' as const;

  constructor(
    readonly client: Redis,
    private readonly prefix = 'helix:cache:',
  ) {}

  static connect(url: string): RedisCache {
    const client = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2, enableOfflineQueue: false });
    client.on('error', () => {
      // Surfaced through ping() in /ready; a cache outage degrades to uncached reads instead of failing requests.
    });
    return new RedisCache(client);
  }

  async get(key: string): Promise<string | undefined> {
    try {
      return (await this.client.get(this.prefix + key)) ?? undefined;
    } catch {
      return undefined;
    }
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    try {
      await this.client.set(this.prefix + key, value, 'EX', ttlSeconds);
    } catch {
      // A cache write failure must not fail the request.
    }
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.client.disconnect();
  }
}

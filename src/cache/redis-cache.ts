import { once } from 'node:events';
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

  /**
   * Without the offline queue a command sent while the connection is still being made fails at once: a short-lived
   * process (the CLI announcing a key revocation right after it connects) would lose its write. Wait for the
   * connection, briefly, instead.
   */
  private async ready(ms = 2000): Promise<void> {
    if (this.client.status === 'ready' || this.client.status === 'end') return;
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(), ms);
    try {
      await once(this.client, 'ready', { signal: ac.signal });
    } catch {
      // Not ready in time: the command fails and is handled like any cache outage.
    } finally {
      clearTimeout(timer);
    }
  }

  async get(key: string): Promise<string | undefined> {
    try {
      await this.ready();
      return (await this.client.get(this.prefix + key)) ?? undefined;
    } catch {
      return undefined;
    }
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    try {
      await this.ready();
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

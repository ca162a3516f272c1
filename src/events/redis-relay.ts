import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { HelixEventBus, HelixTopic } from './bus.js';

export interface RedisRelay {
  close(): Promise<void>;
}

/**
 * Joins the event buses of every Helix process sharing a Redis: an ingestion run from the CLI publishes its
 * progress, and the API server's subscribers (`ingestionProgress`, `runUpdated`) hear it.
 */
export async function startRedisRelay(url: string, bus: HelixEventBus, channel = eventChannel(url)): Promise<RedisRelay> {
  const origin = randomUUID();
  const options = { maxRetriesPerRequest: 2, lazyConnect: true };
  const pub = new Redis(url, options);
  const sub = new Redis(url, options);
  pub.on('error', () => {});
  sub.on('error', () => {});
  await Promise.all([pub.connect(), sub.connect()]);
  await sub.subscribe(channel);
  sub.on('message', (_channel: string, message: string) => {
    try {
      const e = JSON.parse(message) as { origin: string; topic: HelixTopic; payload: never };
      if (e.origin !== origin) bus.deliver(e.topic, e.payload);
    } catch {
      // not ours
    }
  });
  const remove = bus.addForwarder((topic, payload) => {
    void pub.publish(channel, JSON.stringify({ origin, topic, payload })).catch(() => undefined);
  });
  return {
    async close() {
      remove();
      sub.disconnect();
      await pub.quit().catch(() => pub.disconnect());
    },
  };
}

/**
 * The pub/sub channel of a Redis URL. Redis pub/sub ignores the database number, so deployments (or test runs) that
 * share a Redis server through different databases would hear each other's events: the database is part of the
 * channel name (`helix:events` for database 0, `helix:events:<db>` otherwise).
 */
export function eventChannel(url: string): string {
  let db = 0;
  try {
    db = Number(new URL(url).pathname.replace(/^\//, '') || 0);
  } catch {
    // not a URL: database 0
  }
  return Number.isInteger(db) && db > 0 ? `helix:events:${db}` : 'helix:events';
}

const shared = new Map<string, { relay: Promise<RedisRelay>; users: number }>();

/** One relay per Redis URL and process, however many Helix contexts the process opens (tests open several). */
export async function acquireRedisRelay(url: string, bus: HelixEventBus): Promise<RedisRelay> {
  let entry = shared.get(url);
  if (!entry) shared.set(url, (entry = { relay: startRedisRelay(url, bus), users: 0 }));
  entry.users++;
  const relay = await entry.relay;
  let released = false;
  return {
    async close() {
      if (released) return;
      released = true;
      if (--entry.users === 0) {
        shared.delete(url);
        await relay.close();
      }
    },
  };
}

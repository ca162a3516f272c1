import { inject } from 'vitest';
import { describe, expect, it } from 'vitest';
import { HelixEventBus, type IngestionProgressEvent } from '../../../../src/events/bus.js';
import { startRedisRelay } from '../../../../src/events/redis-relay.js';

describe('events across processes through Redis', () => {
  it('delivers what one bus publishes to the listeners of another, once, and not back to itself', async () => {
    const channel = `helix:test:events:${Date.now()}`;
    const cli = new HelixEventBus();
    const server = new HelixEventBus();
    const relays = [await startRedisRelay(inject('redisUrl'), cli, channel), await startRedisRelay(inject('redisUrl'), server, channel)];
    const heard: IngestionProgressEvent[] = [];
    const echoed: IngestionProgressEvent[] = [];
    server.subscribe('ingestionProgress', (e) => heard.push(e));
    cli.subscribe('ingestionProgress', (e) => echoed.push(e));
    const event: IngestionProgressEvent = {
      id: 'ing-1', urn: 'urn:helix:ingestion:ing-1', kind: 'annotations', source: 'x.jsonl', status: 'running',
      position: 500, progress: null, durationMs: null, error: null, at: new Date().toISOString(),
    };
    cli.publish('ingestionProgress', event);
    for (let i = 0; i < 50 && heard.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100));
    expect(heard).toEqual([event]);
    expect(echoed).toEqual([event]);
    await Promise.all(relays.map((r) => r.close()));
  });
});

import { describe, expect, it } from 'vitest';
import { eventChannel } from '../../../../src/events/redis-relay.js';

describe('eventChannel', () => {
  it('keeps database 0 on helix:events and gives every other Redis database its own channel (pub/sub ignores databases)', () => {
    expect(eventChannel('redis://127.0.0.1:6379')).toBe('helix:events');
    expect(eventChannel('redis://127.0.0.1:6379/0')).toBe('helix:events');
    expect(eventChannel('redis://127.0.0.1:6379/12')).toBe('helix:events:12');
    expect(eventChannel('rediss://user:pw@redis.example:6380/3')).toBe('helix:events:3');
  });
});

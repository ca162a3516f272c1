import { Neo4jError } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { retryDelayMs, withReadRetry } from '../../../../src/db/read-retry.js';

/** The read retry policy (its run on the real Neo4j: test/integration/src/db/executor-read.test.ts). */
const transient = () => new Neo4jError('connection lost', 'ServiceUnavailable', '08N00', 'connection lost');
const syntax = () => new Neo4jError('bad', 'Neo.ClientError.Statement.SyntaxError', '42001', 'bad');

function failing(errors: Array<() => Error>) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    attempt: async () => {
      const make = errors[calls++];
      if (make) throw make();
      return 'done';
    },
  };
}

describe('withReadRetry', () => {
  it('retries retryable errors until one attempt succeeds', async () => {
    const f = failing([transient, transient]);
    const retries: number[] = [];
    await expect(withReadRetry(f.attempt, { attempts: 3, maxRetryMs: 10_000, initialDelayMs: 1, onRetry: (_e, n) => retries.push(n) })).resolves.toBe('done');
    expect(f.calls).toBe(3);
    expect(retries).toEqual([1, 2]);
  });

  it('gives up after the attempts, with the last error', async () => {
    const f = failing([transient, transient, transient]);
    await expect(withReadRetry(f.attempt, { attempts: 3, maxRetryMs: 10_000, initialDelayMs: 1 })).rejects.toMatchObject({ code: 'ServiceUnavailable' });
    expect(f.calls).toBe(3);
  });

  it('never retries an error that is not retryable', async () => {
    const f = failing([syntax]);
    await expect(withReadRetry(f.attempt, { attempts: 3, maxRetryMs: 10_000, initialDelayMs: 1 })).rejects.toMatchObject({ code: 'Neo.ClientError.Statement.SyntaxError' });
    expect(f.calls).toBe(1);
  });

  it('starts no attempt past the retry time', async () => {
    const f = failing([transient, transient]);
    await expect(withReadRetry(f.attempt, { attempts: 5, maxRetryMs: 50, initialDelayMs: 100 })).rejects.toMatchObject({ code: 'ServiceUnavailable' });
    expect(f.calls).toBe(1);
  });

  it('stops when beforeRetry throws (Neo4j known to be away)', async () => {
    const f = failing([transient, transient]);
    const away = new Error('away');
    await expect(withReadRetry(f.attempt, { attempts: 3, maxRetryMs: 10_000, initialDelayMs: 1, beforeRetry: () => { throw away; } })).rejects.toBe(away);
    expect(f.calls).toBe(1);
  });

  it('backs off exponentially with ±20% jitter', () => {
    for (let i = 0; i < 50; i++) {
      expect(retryDelayMs(100, 1)).toBeGreaterThanOrEqual(80);
      expect(retryDelayMs(100, 1)).toBeLessThanOrEqual(120);
      expect(retryDelayMs(100, 3)).toBeGreaterThanOrEqual(320);
      expect(retryDelayMs(100, 3)).toBeLessThanOrEqual(480);
    }
  });
});

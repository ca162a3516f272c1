import { describe, expect, it } from 'vitest';
import { mapBatches } from '../../../../src/ingestion/parallel-batches.js';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('mapBatches (the writer runs its batch transactions through it)', () => {
  it('keeps at most `limit` batches in flight and returns results in batch order', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapBatches([30, 5, 20, 1, 10], 2, async (ms) => {
      peak = Math.max(peak, ++inFlight);
      await tick(ms);
      inFlight--;
      return ms * 2;
    });
    expect(out).toEqual([60, 10, 40, 2, 20]);
    expect(peak).toBe(2);
  });

  it('after a failure starts no further batch, waits for the ones in flight, then throws the first error', async () => {
    const started: number[] = [];
    const finished: number[] = [];
    const run = mapBatches([0, 1, 2, 3, 4], 2, async (i) => {
      started.push(i);
      if (i === 0) {
        await tick(5);
        throw new Error('batch 0 failed');
      }
      await tick(20);
      finished.push(i);
      return i;
    });
    await expect(run).rejects.toThrow('batch 0 failed');
    // Batch 1 was in flight when batch 0 failed: it ran to its end before the error reached the caller.
    expect(finished).toEqual([1]);
    expect(started).toEqual([0, 1]);
  });

  it('runs sequentially with limit 1 and handles no batches', async () => {
    const order: number[] = [];
    await mapBatches([3, 1, 2], 1, async (ms) => {
      await tick(ms);
      order.push(ms);
    });
    expect(order).toEqual([3, 1, 2]);
    expect(await mapBatches([], 2, async () => 1)).toEqual([]);
  });
});

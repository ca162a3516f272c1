import { describe, expect, it } from 'vitest';
import { mergeRunState, runPropsFromEvent, runStateFromEvents } from '../../../../ingest/openlineage/index.js';

const ev = (eventType: string, eventTime: string, facets: Record<string, unknown> = {}) => ({
  eventType,
  eventTime,
  run: { runId: '0190a0b0-0000-7000-8000-000000000009', facets },
  job: { namespace: 'n', name: 'j' },
});

const START = ev('START', '2024-05-01T10:00:00Z');
const RUNNING = ev('RUNNING', '2024-05-01T10:01:00Z');
const FAIL = ev('FAIL', '2024-05-01T10:02:00.5+00:00', { errorMessage: { message: 'boom' } });
const OTHER = ev('OTHER', '2024-05-01T11:00:00Z');

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [x, ...p]));
}

const STATE_KEYS = ['status', 'lastEventTime', 'lastEventType', 'lastEventRank', 'startedAt', 'endedAt', 'durationMs'];
const pickState = (p: Record<string, unknown>) => Object.fromEntries(STATE_KEYS.map((k) => [k, p[k]]));

describe('runStateFromEvents', () => {
  it('computes the final state of a run', () => {
    expect(runStateFromEvents([START, RUNNING, FAIL, OTHER])).toMatchObject({
      status: 'failed',
      lastEventType: 'FAIL',
      lastEventTime: '2024-05-01T10:02:00.500000Z',
      startedAt: '2024-05-01T10:00:00.000000Z',
      endedAt: '2024-05-01T10:02:00.500000Z',
      durationMs: 120_500,
      error: 'boom',
    });
  });

  it('gives the same state for every arrival order', () => {
    const expected = pickState(runStateFromEvents([START, RUNNING, FAIL, OTHER]));
    for (const order of permutations([START, RUNNING, FAIL, OTHER])) {
      expect(pickState(runStateFromEvents(order))).toEqual(expected);
      // Folding event by event, as the writer does, converges too.
      const folded = order.map(runPropsFromEvent).reduce((s, p) => mergeRunState(s, p), {});
      expect(pickState(folded)).toEqual(expected);
    }
  });

  it('lets a terminal event win over START at the same instant', () => {
    const same = '2024-05-01T10:00:00Z';
    for (const order of permutations([ev('START', same), ev('COMPLETE', same)])) {
      expect(runStateFromEvents(order).status).toBe('completed');
    }
  });

  it('ignores OTHER events for the state', () => {
    expect(runPropsFromEvent(OTHER).status).toBeUndefined();
    expect(runStateFromEvents([OTHER]).status).toBeUndefined();
    expect(runStateFromEvents([START, OTHER]).status).toBe('running');
  });

  it('maps ABORT to cancelled', () => {
    expect(runStateFromEvents([START, ev('ABORT', '2024-05-01T10:05:00Z')]).status).toBe('cancelled');
  });
});

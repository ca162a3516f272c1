import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelixContext } from '../../../../src/app/context.js';
import { cypherDuration } from '../../../../src/observability/metrics.js';
import { openTestHelix } from '../../../support/graph.js';

/** helix_cypher_query_duration_seconds observes each query once: `ok` when it succeeds, `error` (only) when it fails. */
let helix: HelixContext;
beforeAll(async () => {
  helix = await openTestHelix();
});
afterAll(async () => helix?.close());

async function observations(op: string) {
  const { values } = await cypherDuration.get();
  const count = (outcome: string) =>
    values.find((v) => v.metricName === 'helix_cypher_query_duration_seconds_count' && v.labels.query === op && v.labels.outcome === outcome)?.value ?? 0;
  return { ok: count('ok'), error: count('error') };
}

describe('query metering', () => {
  it('a failed query is metered as error and not as ok', async () => {
    const op = `metering-fail-${process.pid}`;
    await expect(helix.exec.runText('RETURN 1 / toInteger($zero) AS x', { zero: 0 }, 'READ', { op })).rejects.toThrow();
    expect(await observations(op)).toEqual({ ok: 0, error: 1 });
  });

  it('a query that succeeds is metered as ok once', async () => {
    const op = `metering-ok-${process.pid}`;
    await helix.exec.runText('RETURN 1 AS x', {}, 'READ', { op });
    expect(await observations(op)).toEqual({ ok: 1, error: 0 });
  });
});

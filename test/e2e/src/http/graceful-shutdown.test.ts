import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { startServeChild, type ServeChild } from '../../../../bench/harness/serve-child.js';
import type { HelixContext } from '../../../../src/app/context.js';
import { openTestHelix, resetGraph } from '../../../support/graph.js';
import { openSse } from '../../../support/sse-stream.js';
import { until } from '../../../integration/src/services/provenance/sse.js';

/**
 * Fault review: SIGTERM during a 10,000-event OpenLineage POST gave the client "other side closed" and the server
 * exited in 2.2 s. `helix serve` (a real process) must stop accepting, answer the request in flight, complete open
 * subscriptions with their final event, close the driver and exit 0.
 */
describe('helix serve on SIGTERM', () => {
  let helix: HelixContext;
  let serve: ServeChild | undefined;

  beforeAll(async () => {
    helix = await openTestHelix();
    await resetGraph(helix);
    serve = await startServeChild({ NEO4J_URI: inject('neo4jUri'), REDIS_URL: inject('redisUrl'), HELIX_SHUTDOWN_GRACE_MS: '400000', NODE_ENV: 'test', LOG_LEVEL: 'info' });
  }, 300_000);
  afterAll(async () => {
    if (serve?.child.exitCode === null) serve.child.kill('SIGKILL');
    await resetGraph(helix);
    await helix.close();
  });

  it('answers a 10,000-event POST in flight, completes subscriptions, refuses new connections and exits 0', async () => {
    const base = serve!.base;
    const sub = await openSse(`${base}/graphql`, 'subscription { runUpdated { urn } }');
    const producer = `https://helix.test/shutdown/${randomUUID()}`;
    const events = Array.from({ length: 10_000 }, (_, i) => ({
      eventType: 'COMPLETE',
      eventTime: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, i)).toISOString(),
      producer,
      schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
      run: { runId: randomUUID() },
      job: { namespace: 'shutdown-test', name: 'bulk.load' },
      inputs: [],
      outputs: [{ namespace: 'postgres://db:5432', name: `public.t${i % 50}` }],
    }));
    const posted = fetch(`${base}/api/v1/lineage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(events) });
    // The request is in flight (its body sent, its write running) when the signal comes.
    await new Promise((r) => setTimeout(r, 1500));
    const exited = new Promise<number | null>((r) => serve!.child.once('exit', (code) => r(code)));
    const signalled = performance.now();
    serve!.child.kill('SIGTERM');
    // No new connections once stopping (the signal is handled when the event loop is free).
    await until(() => serve!.output().includes('stopping: finishing in-flight requests'), 120_000);
    // A new connection is refused; a request on a connection being closed is answered 503 (never started).
    const late = await fetch(`${base}/health`).then((r) => r.status, () => 'refused');
    expect([503, 'refused']).toContain(late);

    const res = await posted;
    expect(res.status).toBe(201);
    expect(((await res.json()) as { accepted: number }).accepted).toBe(10_000);
    await sub.ended;
    expect(sub.events.at(-1)?.event).toBe('complete');
    expect(await exited).toBe(0);
    const [row] = await helix.exec.runText('MATCH (e:RunEvent) WHERE e.producer = $producer RETURN count(e) AS n', { producer }, 'READ');
    expect(Number(row!.n)).toBe(10_000);
    process.stderr.write(`[graceful-shutdown] exit ${Math.round(performance.now() - signalled)} ms after SIGTERM\n`);
  }, 600_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelixContext } from '../../../../src/app/context.js';
import { HelixError } from '../../../../src/errors.js';
import { helixEvents, type IngestionProgressEvent } from '../../../../src/events/bus.js';
import { runIngestion, type KindRunner, type RunResult } from '../../../../src/ingestion/lifecycle.js';
import { emptyReport } from '../../../../src/ingestion/write-report.js';
import { writeGraph } from '../../../../src/ingestion/writer.js';
import { openTestHelix, resetGraph } from '../../../support/graph.js';

/**
 * The one ingestion lifecycle (src/ingestion/lifecycle.ts) against the real Neo4j: what it records for each end,
 * which failures it retries, how a cancel stops a run between batches, and that a stopped run that wrote bumps the
 * graph version (cached answers must not hide its writes).
 */
let helix: HelixContext;

beforeAll(async () => {
  helix = await openTestHelix();
  await resetGraph(helix);
});
afterAll(async () => helix?.close());

const result = (kind: string): RunResult => ({
  kind,
  source: 'test',
  scope: `${kind}:*`,
  status: 'completed',
  write: emptyReport(),
  issues: [],
  issueCounts: {},
  stats: {},
  timingsMs: {},
});
const node = (i: number) => ({ urn: `urn:test:lifecycle:${i}`, labels: ['Node', 'Dataset'], props: { name: `d${i}` } });
const stored = async (id: string) =>
  (await helix.exec.runText('MATCH (i:Ingestion {id: $id}) RETURN i.status AS status, i.error AS error, i.retries AS retries, i.attempts AS attempts, i.workerId AS workerId', { id }, 'READ'))[0];
const version = async () => Number((await helix.exec.runText("MATCH (g:HelixMeta {id: 'graph'}) RETURN g.version AS v", {}, 'READ'))[0]?.v ?? 0);

describe('runIngestion', () => {
  it('retries a transient database failure with backoff and completes, counting the retry', async () => {
    let calls = 0;
    const runner: KindRunner = async (run) => {
      await run.begin({ scope: 'flaky:*' });
      if (++calls < 3) throw new HelixError('DATABASE_UNAVAILABLE', 'Neo4j is restarting');
      return result('flaky');
    };
    const report = await runIngestion(helix.exec, 'flaky', 'test', runner, { workerId: 'test-worker' });
    expect(report.status).toBe('completed');
    expect(calls).toBe(3);
    expect(await stored(report.id)).toMatchObject({ status: 'completed', retries: 2, attempts: 3, workerId: 'test-worker', error: null });
  });

  it('never retries bad input: one attempt, recorded failed with its reason', async () => {
    let calls = 0;
    const runner: KindRunner = async (run) => {
      await run.begin({ scope: 'bad:*' });
      calls++;
      throw new HelixError('BAD_USER_INPUT', 'manifest.json is not a dbt manifest');
    };
    const id = crypto.randomUUID();
    await expect(runIngestion(helix.exec, 'bad', 'test', runner, { ingestionId: id })).rejects.toThrow(/not a dbt manifest/);
    expect(calls).toBe(1);
    expect(await stored(id)).toMatchObject({ status: 'failed', error: 'manifest.json is not a dbt manifest', retries: null });
  });

  it('gives up on a transient failure after its attempts, recorded failed', async () => {
    const id = crypto.randomUUID();
    const runner: KindRunner = async (run) => {
      await run.begin({ scope: 'down:*' });
      throw new HelixError('DATABASE_UNAVAILABLE', 'Neo4j is down');
    };
    await expect(runIngestion(helix.exec, 'down', 'test', runner, { ingestionId: id, attempts: 2 })).rejects.toThrow(/down/);
    expect(await stored(id)).toMatchObject({ status: 'failed', retries: 1, attempts: 2 });
  });

  it('stops a cancelled run at its next batch, records it cancelled with what it wrote, and bumps the graph version', async () => {
    const id = crypto.randomUUID();
    const seen: IngestionProgressEvent[] = [];
    const off = helixEvents.subscribe('ingestionProgress', (e) => e.id === id && seen.push(e));
    let batches = 0;
    const runner: KindRunner = async (run) => {
      await run.begin({ scope: 'slow:*' });
      const write = emptyReport();
      run.partial(() => ({ ...result('slow'), status: 'failed', write, stats: { batches } }));
      for (let b = 0; b < 100; b++) {
        await writeGraph(run.exec, { nodes: [node(b)], edges: [], issues: [] }, { scope: 'slow:*', deleteMissing: false });
        batches++;
        // cancelIngestion reaches the running process through the bus (the Redis relay between processes).
        if (b === 2) helixEvents.publish('ingestionControl', { id, action: 'cancel' });
        await run.checkpoint(b + 1, { batches });
      }
      return result('slow');
    };
    const before = await version();
    const report = await runIngestion(helix.exec, 'slow', 'test', runner, { ingestionId: id });
    off();
    expect(report.status).toBe('cancelled');
    expect(batches).toBe(3);
    expect(report.stats).toEqual({ batches: 3 });
    expect(await stored(id)).toMatchObject({ status: 'cancelled', error: 'cancelled' });
    expect(await version()).toBeGreaterThan(before);
    expect(seen.at(-1)).toMatchObject({ status: 'cancelled' });
  });

  it('hands a run stopped by its worker shutting down back to the queue, checkpoint kept', async () => {
    const id = crypto.randomUUID();
    const shutdown = new AbortController();
    const runner: KindRunner = async (run) => {
      await run.begin({ scope: 'handback:*' });
      await run.checkpoint(5, { files: { a: 5 } });
      shutdown.abort('shutdown');
      await run.checkpoint(6, { files: { a: 6 } });
      return result('handback');
    };
    await expect(runIngestion(helix.exec, 'handback', 'test', runner, { ingestionId: id, signal: shutdown.signal })).rejects.toThrow(/shutting down/);
    const [row] = await helix.exec.runText('MATCH (i:Ingestion {id: $id}) RETURN i.status AS status, i.position AS position, i.workerId AS workerId', { id }, 'READ');
    expect(row).toMatchObject({ status: 'queued', position: 6, workerId: null });
  });
});

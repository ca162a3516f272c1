import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { HelixContext } from '../../../../../src/app/context.js';
import { helixEvents, type IngestionProgressEvent } from '../../../../../src/events/bus.js';
import { INGESTERS } from '../../../../../src/ingestion/registry.js';
import { projectRoot } from '../../../../../src/project-root.js';
import { reapLostIngestions } from '../../../../../src/services/ingestion/reaper.js';
import { openTestHelix, resetGraph } from '../../../../support/graph.js';
import { strictClient } from '../../../../support/graphql-client.js';
import { helixArgv } from '../../../../support/helix-cli.js';
import { annotationGraphState, writeKidneyAnnotations } from '../../../../support/kidney-annotations.js';
import { waitFor } from '../../../../support/wait-for.js';

/**
 * Ingestions on the BullMQ queue with real `helix worker` processes, real SIGKILL/SIGTERM, the real Neo4j and Redis
 * (issue #16): a job whose worker dies is taken over by another worker and resumes from its checkpoint, ending
 * equal to a clean run; cancelIngestion stops a running job within a batch; the reaper fails a CLI ingestion killed
 * with SIGKILL ("worker lost") and its scope is reported incomplete.
 */
const GENES = 3000;
const root = projectRoot();
let helix: HelixContext;
let gql: ReturnType<typeof strictClient>;
let dir: string;
let file: string;
const children: ChildProcess[] = [];

// Short heartbeats and stall interval, so that a lost worker is noticed within seconds in the test.
const env = () => ({
  ...process.env,
  NEO4J_URI: inject('neo4jUri'),
  REDIS_URL: inject('redisUrl'),
  LOG_LEVEL: 'silent',
  HELIX_HEARTBEAT_MS: '500',
  HELIX_QUEUE_STALLED_MS: '3000',
  HELIX_HEARTBEAT_STALE_MS: '600000',
});
const helixArgs = helixArgv;
const ingestArgs = (...extra: string[]) => helixArgs('ingest', 'annotations', file, '--format', 'kidney-annotation-api', '--json', ...extra);

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, helixArgs('worker', '--kinds', 'bio', '--concurrency', '1'), { cwd: root, env: env(), stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => (err += String(d)));
  (child as ChildProcess & { log: () => string }).log = () => err;
  children.push(child);
  return child;
}
const exited = (child: ChildProcess) => new Promise<number | null>((r) => (child.exitCode !== null ? r(child.exitCode) : child.once('exit', (code) => r(code))));

const graphState = () => annotationGraphState(helix);

const record = async (id: string) => {
  const [row] = await helix.exec.runText(
    'MATCH (i:Ingestion {id: $id}) RETURN i.status AS status, i.position AS position, i.workerId AS workerId, i.attempts AS attempts, i.error AS error, i.reportJson AS reportJson',
    { id },
    'READ',
  );
  return row as { status: string; position: number; workerId: string | null; attempts: number; error: string | null; reportJson: string | null } | undefined;
};

function enqueue(): { id: string; status: string } {
  const out = spawnSync(process.execPath, ingestArgs('--queue'), { cwd: root, env: env(), encoding: 'utf8', timeout: 120_000 });
  expect(out.status, out.stderr).toBe(0);
  return JSON.parse(out.stdout);
}

beforeAll(async () => {
  helix = await openTestHelix({ HELIX_JOB_RUNNER: 'queue' });
  gql = strictClient(helix);
  dir = mkdtempSync(path.join(os.tmpdir(), 'helix-queue-'));
  file = path.join(dir, 'kidney_gene_annotations.jsonl');
  writeKidneyAnnotations(file, GENES);
  // This test's own Redis database (REDIS_URL names it): no jobs of an earlier run.
  const redis = new Redis(inject('redisUrl'));
  await redis.flushdb();
  redis.disconnect();
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await helix?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('helix worker on the BullMQ queue', () => {
  it('hands a job whose worker was killed (SIGKILL) to another worker, which resumes it and ends equal to a clean run', async () => {
    await resetGraph(helix);
    const run = await INGESTERS.annotations!.run();
    const clean = await run(helix.exec, file, { format: 'kidney-annotation-api' });
    expect(clean.status).toBe('completed');
    const expected = await graphState();
    expect(expected.annotations.length).toBe(GENES * 2);
    await resetGraph(helix);

    // This process plays the API: it hears the workers' progress through the Redis relay.
    const heard: IngestionProgressEvent[] = [];
    const off = helixEvents.subscribe('ingestionProgress', (e) => heard.push(e));
    const first = startWorker();
    const queued = enqueue();
    expect(queued).toMatchObject({ status: 'queued', kind: 'annotations' });
    const { ingestion } = await gql(`query($id: ID!) { ingestion(id: $id) { status queue } }`, { id: queued.id });
    expect(['queued', 'running']).toContain(ingestion.status);
    expect(ingestion.queue).toBe('bullmq');

    const running = await waitFor('the first worker to checkpoint', async () => {
      const r = await record(queued.id);
      return r && r.status === 'running' && Number(r.position) > 0 && r.workerId?.endsWith(`:${first.pid}`) ? r : undefined;
    });
    first.kill('SIGKILL');
    await exited(first);
    const after = await record(queued.id);
    expect(Number(after!.position)).toBeLessThan(GENES);
    expect(Number(running.position)).toBeGreaterThan(0);

    const killedAt = Date.now();
    const second = startWorker();
    await waitFor('the second worker to take the job over', async () => {
      const r = await record(queued.id);
      return r && r.workerId?.endsWith(`:${second.pid}`) ? r : undefined;
    });
    const takeoverMs = Date.now() - killedAt;
    const done = await waitFor('the second worker to complete the job', async () => {
      const r = await record(queued.id);
      return r && r.status !== 'running' && r.status !== 'queued' ? r : undefined;
    });
    process.stderr.write(`[queue] SIGKILLed worker at position ${after!.position}/${GENES}; taken over after ${takeoverMs} ms (stall interval 3000 ms, worker start included)\n`);
    expect(done.status, (second as ChildProcess & { log: () => string }).log()).toBe('completed');
    expect(done.workerId).toMatch(new RegExp(`:${second.pid}$`));
    expect(Number(done.attempts)).toBeGreaterThanOrEqual(2);
    const report = JSON.parse(done.reportJson!);
    // Resumed from the checkpoint: the second worker read only what the first had not written.
    expect(report.stats.resumedFrom).toBe(1);
    expect(report.stats.records).toBeLessThan(GENES);
    expect(await graphState()).toEqual(expected);
    off();
    const mine = heard.filter((e) => e.id === queued.id).map((e) => e.status);
    expect(mine).toContain('running');
    expect(mine.at(-1)).toBe('completed');

    // SIGTERM with nothing running: a prompt, clean exit.
    const t0 = Date.now();
    second.kill('SIGTERM');
    expect(await exited(second)).toBe(0);
    expect(Date.now() - t0).toBeLessThan(15_000);
  }, 900_000);

  it('SIGTERM: the worker stops at a batch, hands the job back (queued, checkpoint kept) and exits; another resumes it', async () => {
    await resetGraph(helix);
    const first = startWorker();
    const queued = enqueue();
    await waitFor('the first worker to checkpoint', async () => {
      const r = await record(queued.id);
      return r && r.status === 'running' && Number(r.position) > 0 ? r : undefined;
    });
    const t0 = Date.now();
    first.kill('SIGTERM');
    expect(await exited(first), (first as ChildProcess & { log: () => string }).log()).toBe(0);
    const stoppedMs = Date.now() - t0;
    const handedBack = (await record(queued.id))!;
    expect(handedBack.status).toBe('queued');
    expect(Number(handedBack.position)).toBeGreaterThan(0);
    expect(Number(handedBack.position)).toBeLessThan(GENES);
    expect(stoppedMs).toBeLessThan(30_000);
    process.stderr.write(`[queue] SIGTERM: worker exited in ${stoppedMs} ms, job handed back at position ${handedBack.position}/${GENES}\n`);

    const second = startWorker();
    const done = await waitFor('the second worker to complete the job', async () => {
      const r = await record(queued.id);
      return r && r.status !== 'running' && r.status !== 'queued' ? r : undefined;
    });
    expect(done.status).toBe('completed');
    const report = JSON.parse(done.reportJson!);
    expect(report.stats.resumedFrom).toBe(1);
    expect(report.stats.records).toBe(GENES - Number(handedBack.position));
    expect((await graphState()).annotations.length).toBe(GENES * 2);
    second.kill('SIGTERM');
    expect(await exited(second)).toBe(0);
  }, 600_000);

  it('evaluateConformance goes on the conformance queue; a worker of other kinds leaves it, a conformance worker runs it', async () => {
    const bioOnly = startWorker();
    const { evaluateConformance } = await gql(`mutation { evaluateConformance(input: {}) { id status } }`);
    const id = String(evaluateConformance.id).replace(/^urn:helix:conformance-evaluation:/, '');
    const status = async () =>
      String((await helix.exec.runText('MATCH (e:ConformanceEvaluation {id: $id}) RETURN e.status AS s', { id }, 'READ'))[0]?.s);
    // Once the bio worker consumes (its queues are watched with blocking pops: a job of its own would be taken at
    // once), a second of quiet shows it leaves this one. A fixed 3 s from spawn proved less when the worker's start
    // was slow (a loaded machine) and cost more when it was quick.
    await waitFor('the bio worker to consume', async () => /consuming/.test((bioOnly as ChildProcess & { log: () => string }).log()));
    await new Promise((r) => setTimeout(r, 1000));
    expect(await status()).toBe('queued');
    const conformance = spawn(process.execPath, helixArgs('worker', '--kinds', 'conformance'), { cwd: root, env: env(), stdio: 'ignore' });
    children.push(conformance);
    expect(await waitFor('the evaluation to end', async () => ((await status()) === 'completed' || (await status()) === 'failed' ? status() : undefined))).toBe('completed');
    for (const w of [bioOnly, conformance]) {
      w.kill('SIGTERM');
      expect(await exited(w)).toBe(0);
    }
  }, 300_000);

  it('cancelIngestion stops a running job at its next batch (status cancelled) and lists it in the queue view', async () => {
    await resetGraph(helix);
    const worker = startWorker();
    const queued = enqueue();
    await waitFor('the job to run', async () => {
      const r = await record(queued.id);
      return r && r.status === 'running' && Number(r.position) > 0 ? r : undefined;
    });
    const { cancelIngestion } = await gql(`mutation($id: ID!) { cancelIngestion(id: $id) { id status cancelRequested } }`, { id: queued.id });
    expect(cancelIngestion.cancelRequested).toBe(true);
    const at = Number((await record(queued.id))!.position);
    const askedAt = Date.now();
    const ended = await waitFor('the job to stop', async () => {
      const r = await record(queued.id);
      return r && r.status !== 'running' ? r : undefined;
    }, 30_000);
    process.stderr.write(`[queue] cancel: stopped after ${Date.now() - askedAt} ms, position ${at} -> ${ended.position} (batches of 500)\n`);
    expect(ended.status).toBe('cancelled');
    // Within one batch (500 records) of where it was when the cancel arrived.
    expect(Number(ended.position) - at).toBeLessThanOrEqual(1000);
    expect(Number(ended.position)).toBeLessThan(GENES);

    const { ingestion } = await gql(`query($id: ID!) { ingestion(id: $id) { status } }`, { id: queued.id });
    expect(ingestion.status).toBe('cancelled');
    const { ingestions } = await gql(`{ ingestions(filter: {status: ["cancelled"], kind: ["annotations"]}, first: 5) { edges { cursor node { id status workerId retries } } pageInfo { hasNextPage } } }`);
    expect(ingestions.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(`urn:helix:ingestion:${queued.id}`);
    const { incompleteScopes } = await gql(`{ incompleteScopes { scope status ingestionId } }`);
    expect(incompleteScopes).toContainEqual({ scope: 'annotations:*', status: 'cancelled', ingestionId: queued.id });

    worker.kill('SIGTERM');
    expect(await exited(worker)).toBe(0);
  }, 600_000);

  it('a CLI ingestion interrupted (SIGINT) stops at its next batch and records itself cancelled, not running', async () => {
    await resetGraph(helix);
    const child = spawn(process.execPath, ingestArgs(), { cwd: root, env: env(), stdio: ['ignore', 'pipe', 'ignore'] });
    children.push(child);
    let out = '';
    child.stdout!.on('data', (d) => (out += String(d)));
    const id = await waitFor('the CLI ingestion to checkpoint', async () => {
      const [row] = await helix.exec.runText("MATCH (i:Ingestion {kind: 'annotations'}) WHERE i.position > 0 RETURN i.id AS id", {}, 'READ');
      return row?.id ? String(row.id) : undefined;
    });
    const t0 = Date.now();
    child.kill('SIGINT');
    expect(await exited(child)).toBe(1);
    expect(Date.now() - t0).toBeLessThan(30_000);
    const report = JSON.parse(out);
    expect(report).toMatchObject({ id, status: 'cancelled' });
    expect((await record(id))!.status).toBe('cancelled');
  }, 300_000);

  it('the reaper fails a CLI ingestion killed with SIGKILL ("worker lost"); its scope is reported incomplete', async () => {
    await resetGraph(helix);
    const child = spawn(process.execPath, ingestArgs(), { cwd: root, env: env(), stdio: 'ignore' });
    children.push(child);
    const running = await waitFor('the CLI ingestion to checkpoint', async () => {
      const [row] = await helix.exec.runText("MATCH (i:Ingestion {kind: 'annotations'}) WHERE i.position > 0 RETURN i.id AS id", {}, 'READ');
      return row?.id ? String(row.id) : undefined;
    });
    child.kill('SIGKILL');
    await exited(child);
    expect((await record(running))!.status).toBe('running');
    // Alive records are left alone; a record silent for longer than the threshold is failed.
    expect((await reapLostIngestions(helix.exec, helix.jobQueue, 600_000)).failed).not.toContain(running);
    await new Promise((r) => setTimeout(r, 1500));
    const reaped = await reapLostIngestions(helix.exec, helix.jobQueue, 1000);
    expect(reaped.failed).toContain(running);
    const { ingestion } = await gql(`query($id: ID!) { ingestion(id: $id) { status error } }`, { id: running });
    expect(ingestion).toEqual({ status: 'failed', error: 'worker lost' });
    const { incompleteScopes } = await gql(`{ incompleteScopes { scope status ingestionId } }`);
    expect(incompleteScopes).toContainEqual({ scope: 'annotations:*', status: 'failed', ingestionId: running });
  }, 600_000);
});

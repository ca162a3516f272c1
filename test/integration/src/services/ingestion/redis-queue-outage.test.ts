import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { HelixContext } from '../../../../../src/app/context.js';
import { freePort } from '../../../../../src/local-neo4j/local-neo4j.js';
import { projectRoot } from '../../../../../src/project-root.js';
import { openTestHelix, resetGraph } from '../../../../support/graph.js';
import { helixArgv } from '../../../../support/helix-cli.js';
import { waitUntil } from '../../../../support/http-server.js';
import { TestRedis } from '../../../../support/redis-server.js';

/**
 * Redis stopped under a running `helix worker` (issue #16, "Faults"): the worker does not exit and the queue waits;
 * Redis back, a job queued afterwards is run by the same worker process, without a restart. Redis is a server of the
 * test's own (never the machine's 6379); it keeps nothing on disk, so the restarted queue starts empty.
 */
const root = projectRoot();
let redis: TestRedis;
let helix: HelixContext;
let dir: string;
let worker: ChildProcess | undefined;

const env = () => ({ ...process.env, NEO4J_URI: inject('neo4jUri'), REDIS_URL: redis.url, LOG_LEVEL: 'silent' });
const helixArgs = helixArgv;

beforeAll(async () => {
  redis = new TestRedis(await freePort());
  await redis.start();
  helix = await openTestHelix();
  await resetGraph(helix);
  dir = mkdtempSync(path.join(os.tmpdir(), 'helix-redis-queue-'));
  const lines = Array.from({ length: 20 }, (_, i) =>
    JSON.stringify({
      gene: { id: i + 1, symbol: `RQGENE${i + 1}`, hgnc_id: `HGNC:${200000 + i + 1}` },
      annotations: { gnomad: [{ version: 'v4.1', data: { pli: 0.5 }, updated_at: '2024-06-01T00:00:00Z' }] },
    }),
  );
  writeFileSync(path.join(dir, 'genes.jsonl'), `${lines.join('\n')}\n`);
}, 120_000);

afterAll(async () => {
  worker?.kill('SIGKILL');
  await redis?.stop();
  await helix?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Redis stopped under a worker', () => {
  it('the worker waits; Redis back, it runs the next job without a restart', async () => {
    worker = spawn(process.execPath, helixArgs('worker', '--kinds', 'bio', '--concurrency', '1'), { cwd: root, env: env(), stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 4000));
    expect(worker.exitCode).toBeNull();

    await redis.stop();
    await new Promise((r) => setTimeout(r, 3000));
    expect(worker.exitCode).toBeNull(); // still up, reconnecting

    await redis.start();
    const queued = spawnSync(process.execPath, helixArgs('ingest', 'annotations', path.join(dir, 'genes.jsonl'), '--format', 'kidney-annotation-api', '--queue', '--json'), {
      cwd: root,
      env: env(),
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(queued.status, queued.stderr).toBe(0);
    const { id, status } = JSON.parse(queued.stdout.trim().split('\n').at(-1)!) as { id: string; status: string };
    expect(status).toBe('queued');

    const waited = await waitUntil(async () => {
      const [row] = await helix.exec.runText('MATCH (i:Ingestion {id: $id}) RETURN i.status AS status', { id }, 'READ');
      return row?.status === 'completed';
    }, 120_000, 250);
    console.log(`[redis-queue-outage] job queued after Redis returned completed in ${Math.round(waited)} ms by the same worker`);
    expect(worker.exitCode).toBeNull();
    const [genes] = await helix.exec.runText("MATCH (g:Gene) WHERE g.symbol STARTS WITH 'RQGENE' RETURN count(g) AS n", {}, 'READ');
    expect(Number(genes!.n)).toBe(20);
  }, 300_000);
});

import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../../src/project-root.js';
import { runHelix, startServe } from '../../../support/helix-cli.js';

// A Neo4j home of its own, so this test proves start/stop behaviour without touching the shared test instance.
const HOME = '.neo4j/e2e-lifecycle';
const root = projectRoot();
const statePath = path.join(root, HOME, 'state.json');
const env = { ...process.env, NEO4J_URI: '', HELIX_NEO4J_HOME: HOME, HELIX_PORT: '0', HELIX_NEO4J_HEAP: '1g', HELIX_NEO4J_PAGECACHE: '256m', LOG_LEVEL: 'warn' };
const helix = (args: string[]) => runHelix(args, env, 240_000);
const serve = (args: string[]) => startServe(args, env);

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  child.kill('SIGTERM');
  return exited;
}

const gql = async (url: string, query: string) =>
  (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })).json();

const neo4jPid = () => (existsSync(statePath) ? Number(JSON.parse(readFileSync(statePath, 'utf8')).pid) : undefined);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

afterAll(() => {
  helix(['neo4j', 'stop']);
  rmSync(path.join(root, HOME), { recursive: true, force: true });
});

// A Neo4j start is most of this file's time (12-80 s on the loaded 2-core CI machine): the tests share the one home
// in order, and "a second start reuses the data" is proved by the --keep-neo4j start of the second test (on the data
// the first test's start loaded), rather than by a start of its own.
describe('serve lifecycle with the local Neo4j', () => {
  it('stops the Neo4j it started on SIGTERM', async () => {
    helix(['neo4j', 'stop']);
    const first = await serve(['--demo']);
    const pid = neo4jPid();
    expect(pid && alive(pid)).toBe(true);
    const res = await gql(first.url, '{ node(id: "HGNC:9008") { id type } }');
    expect(res.data.node).toEqual({ id: 'HGNC:9008', type: 'Gene' });
    expect(await stop(first.child)).toBe(0);
    expect(alive(pid!)).toBe(false);
  }, 600_000);

  it('a second start reuses the data; with --keep-neo4j (npm start) it leaves the Neo4j it started running, and the next start is ready in < 15 s', async () => {
    expect(neo4jPid() === undefined || !alive(neo4jPid()!)).toBe(true);
    // No --demo: the node and the graph version can only come from the data the first test's start left.
    const first = await serve(['--keep-neo4j']);
    const pid = neo4jPid();
    expect(pid && alive(pid)).toBe(true);
    const again = await gql(first.url, '{ node(id: "HGNC:9008") { id } graphInfo { graphVersion } }');
    expect(again.data.node).toEqual({ id: 'HGNC:9008' });
    expect(again.data.graphInfo.graphVersion).toBeGreaterThan(0);
    expect(await stop(first.child)).toBe(0);
    expect(pid && alive(pid)).toBe(true);

    const began = performance.now();
    const second = await serve(['--demo', '--keep-neo4j']);
    const readyMs = performance.now() - began;
    console.log(`second start with Neo4j kept: ready in ${Math.round(readyMs)} ms (load ${os.loadavg()[0]!.toFixed(1)})`);
    expect(neo4jPid()).toBe(pid);
    const res = await gql(second.url, '{ node(id: "HGNC:9008") { id } }');
    expect(res.data.node).toEqual({ id: 'HGNC:9008' });
    expect(await stop(second.child)).toBe(0);
    expect(readyMs).toBeLessThan(15_000);
    expect(helix(['neo4j', 'stop']).stdout.trim()).toBe('stopped');
  }, 600_000);

  it('leaves a Neo4j started by `helix neo4j start` running until `helix neo4j stop`', async () => {
    const started = helix(['neo4j', 'start']);
    expect(started.status).toBe(0);
    expect(started.stdout.trim()).toMatch(/^bolt:\/\/127\.0\.0\.1:\d+$/);
    const status = helix(['neo4j', 'status']);
    expect(status.stdout.trim()).toBe(started.stdout.trim());
    const s = await serve([]);
    expect(await stop(s.child)).toBe(0);
    const pid = neo4jPid();
    expect(pid && alive(pid)).toBe(true);
    expect(helix(['neo4j', 'stop']).stdout.trim()).toBe('stopped');
    expect(alive(pid!)).toBe(false);
    expect(helix(['neo4j', 'status']).status).toBe(1);
  }, 600_000);
});

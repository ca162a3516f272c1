import { spawnSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { startLocalNeo4j, stopLocalNeo4j, freePort } from '../../src/local-neo4j/local-neo4j.js';
import { projectRoot } from '../../src/project-root.js';
import { redisAnswers } from './redis-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
    redisUrl: string;
  }
}

/** Tests' own local Neo4j home, apart from the one `npm start` uses, so tests never wipe a developer's graph. */
export const TEST_NEO4J_HOME = '.neo4j/test-instance';

/**
 * Once per test run: a real Neo4j (NEO4J_URI, or this checkout's test instance started here) and a real Redis
 * (REDIS_URL, or 127.0.0.1:6379, started with redis-server when nothing answers). Pure-parser runs set
 * HELIX_NO_GRAPH=1 to skip both.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.HELIX_NO_GRAPH === '1') {
    project.provide('neo4jUri', '');
    project.provide('redisUrl', '');
    return async () => {};
  }
  buildDist();
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  await ensureRedis(redisUrl);
  let neo4jUri = process.env.NEO4J_URI;
  let startedHere = false;
  if (!neo4jUri) {
    const r = await startLocalNeo4j({
      home: TEST_NEO4J_HOME,
      port: await freePort(),
      heap: process.env.HELIX_NEO4J_HEAP ?? '2g', // helpers sharing a machine set 1g
      pagecache: '512m',
      log: (m) => process.stderr.write(`[test neo4j] ${m}\n`),
    });
    neo4jUri = r.uri;
    startedHere = r.started;
    process.stderr.write(`[test neo4j] ${r.started ? 'started' : 'reused'} ${r.uri} in ${r.elapsedMs} ms\n`);
  }
  project.provide('neo4jUri', neo4jUri);
  project.provide('redisUrl', redisUrl);
  return async () => {
    if (startedHere && process.env.HELIX_KEEP_NEO4J !== '1') await stopLocalNeo4j(TEST_NEO4J_HOME);
  };
}

/**
 * Tests run the CLI's child processes from the built dist/ (test/support/helix-cli.ts): build it when src/ changed
 * since the last build (a ~50 ms check when it did not, as in CI after `npm run build`).
 */
function buildDist(): void {
  const res = spawnSync(process.execPath, ['src/tools/build-if-changed.mjs'], { cwd: projectRoot(), stdio: 'inherit' });
  if (res.status !== 0) throw new Error(`building dist/ for the tests failed (exit ${res.status ?? res.signal})`);
}

async function ensureRedis(url: string): Promise<void> {
  if (await redisAnswers(url)) return;
  const { hostname, port } = new URL(url);
  if (hostname !== '127.0.0.1' && hostname !== 'localhost') throw new Error(`Redis at ${url} does not answer`);
  const res = spawnSync('redis-server', ['--port', port || '6379', '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'yes']);
  if (res.error) throw new Error('Redis is not running and redis-server is not installed (apt-get install redis-server)');
  for (let i = 0; i < 50; i++) {
    if (await redisAnswers(url)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`started redis-server but ${url} does not answer`);
}

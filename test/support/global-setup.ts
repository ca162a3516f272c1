import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort, localNeo4jStatus, startLocalNeo4j, stopLocalNeo4j } from '../../src/local-neo4j/local-neo4j.js';
import { projectRoot } from '../../src/project-root.js';
import { redisAnswers } from './redis-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
    /** The home of a test Neo4j the global setup is starting in the background ('' when none): see neo4j-ready.ts. */
    neo4jStartingHome: string;
    redisUrl: string;
  }
}

/** Tests' own local Neo4j home, apart from the one `npm start` uses, so tests never wipe a developer's graph. */
export const TEST_NEO4J_HOME = '.neo4j/test-instance';

/**
 * Once per test run: a real Neo4j (NEO4J_URI, or this checkout's test instance started here) and a real Redis
 * (REDIS_URL, or 127.0.0.1:6379, started with redis-server when nothing answers). Pure-parser runs set
 * HELIX_NO_GRAPH=1 to skip both.
 *
 * Vitest runs every project's global setup before the first test file, the unit files included: a test instance that
 * must be started is started in the background on a port chosen here (its URI is provided at once), so that the unit
 * files, which never touch it, run during its start (12-80 s on the 2-core CI machine); the graph files wait for it
 * in their setup file (test/support/neo4j-ready.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.HELIX_NO_GRAPH === '1') {
    project.provide('neo4jUri', '');
    project.provide('neo4jStartingHome', '');
    project.provide('redisUrl', '');
    return async () => {};
  }
  buildDist();
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  await ensureRedis(redisUrl);
  let neo4jUri = process.env.NEO4J_URI;
  let starting: Promise<boolean> | undefined;
  if (!neo4jUri) {
    const running = await localNeo4jStatus(TEST_NEO4J_HOME);
    if (running) {
      neo4jUri = running.uri;
      process.stderr.write(`[test neo4j] reused ${running.uri}\n`);
    } else {
      const port = await freePort();
      neo4jUri = `bolt://127.0.0.1:${port}`;
      rmSync(startFailedFile(), { force: true });
      starting = startLocalNeo4j({
        home: TEST_NEO4J_HOME,
        port,
        heap: process.env.HELIX_NEO4J_HEAP ?? '2g', // helpers sharing a machine set 1g
        pagecache: '512m',
        log: (m) => process.stderr.write(`[test neo4j] ${m}\n`),
      }).then(
        (r) => {
          process.stderr.write(`[test neo4j] ${r.started ? 'started' : 'reused'} ${r.uri} in ${r.elapsedMs} ms\n`);
          // Another run in this checkout started it first (the lock of startLocalNeo4j): not at the URI provided.
          if (r.uri !== neo4jUri) failed(`it answers at ${r.uri}, not at the provided ${neo4jUri} (another test run started it first)`);
          return r.started;
        },
        (error: Error) => {
          failed(error.message);
          return false;
        },
      );
    }
  }
  project.provide('neo4jUri', neo4jUri);
  project.provide('neo4jStartingHome', starting ? TEST_NEO4J_HOME : '');
  project.provide('redisUrl', redisUrl);
  return async () => {
    const startedHere = (await starting) ?? false;
    if (startedHere && process.env.HELIX_KEEP_NEO4J !== '1') await stopLocalNeo4j(TEST_NEO4J_HOME);
  };
}

/** The graph files waiting for the test Neo4j fail at once with this reason (test/support/neo4j-ready.ts). */
function failed(reason: string): void {
  process.stderr.write(`[test neo4j] start failed: ${reason}\n`);
  mkdirSync(path.dirname(startFailedFile()), { recursive: true });
  writeFileSync(startFailedFile(), reason);
}

/** Written when the background start of the test Neo4j fails, with the reason. */
export const startFailedFile = (home = TEST_NEO4J_HOME): string => path.join(projectRoot(), home, 'start-failed.txt');

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

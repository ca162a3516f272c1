import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { BENCH_DIR } from '../harness/run-suite.js';

export interface RunningServer {
  name: string;
  url: string;
  headers: Record<string, string>;
  /** The server's process id (bench/peer-cpu.ts reads its CPU time). */
  pid: number;
  /** Cypher round trips the server has made so far. */
  roundTrips(): Promise<number>;
  stop(): Promise<void>;
}

const ROOT = path.dirname(BENCH_DIR);

/** Starts `args` (a TypeScript entry point run with tsx) and waits for the line that carries its port. */
async function spawnServer(name: string, args: string[], env: Record<string, string | undefined>, ready: RegExp, log: (l: string) => void, nodeArgs: string[] = []) {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 600 s: ${tail}`)), 600_000);
    const onData = (d: Buffer) => {
      tail = (tail + d.toString()).slice(-3000);
      const m = ready.exec(tail);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (tail = (tail + d.toString()).slice(-3000)));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}: ${tail}`));
    });
  });
  child.removeAllListeners('exit');
  log(`${name} listening on ${port} (pid ${child.pid})`);
  return { child, port };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

export interface HelixServerOptions {
  neo4jUri: string;
  neo4jPassword?: string;
  cache: 'on' | 'off';
  production: boolean;
  /** Extra node options, e.g. `--cpu-prof` (bench/peer-cpu.ts). */
  nodeArgs?: string[];
}

/** Helix as deployed: `helix serve` (production settings when a Neo4j password is known), Redis, bearer token. */
export async function startHelix(name: string, o: HelixServerOptions, log: (l: string) => void): Promise<RunningServer> {
  // Production refuses tokens under 43 characters (docs/security.md).
  const token = randomBytes(32).toString('hex');
  const { child, port } = await spawnServer(
    name,
    ['src/cli/main.ts', 'serve', '--port', '0'],
    {
      NODE_ENV: o.production ? 'production' : 'development',
      NEO4J_URI: o.neo4jUri,
      NEO4J_PASSWORD: o.neo4jPassword,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      HELIX_AUTH_TOKEN: token,
      HELIX_CACHE: o.cache,
      // Cached answers: the graph version may be 250 ms old (README), so cache hits need no Neo4j round trip.
      ...(o.cache === 'on' ? { HELIX_GRAPH_VERSION_STALENESS_MS: '250' } : {}),
      HELIX_RATE_LIMIT_PER_MINUTE: '1000000000',
      HELIX_RATE_LIMIT_KEY_PREFIX: 'helix:bench:peer:rl',
      LOG_LEVEL: 'warn',
      NEO4J_TX_TIMEOUT_MS: '120000',
    },
    /ready at http:\/\/[^:]+:(\d+)\//,
    log,
    o.nodeArgs,
  );
  const base = `http://127.0.0.1:${port}`;
  const headers = { authorization: `Bearer ${token}` };
  return {
    name,
    url: `${base}/graphql`,
    headers,
    pid: child.pid!,
    async roundTrips() {
      const text = await (await fetch(`${base}/metrics`, { headers })).text();
      let total = 0;
      for (const m of text.matchAll(/^helix_cypher_query_duration_seconds_count\{[^}]*\} (\d+)/gm)) total += Number(m[1]);
      return total;
    },
    stop: () => stopChild(child),
  };
}

/** @neo4j/graphql on graphql-yoga (bench/peer/peer-server.ts). */
export async function startPeer(o: { neo4jUri: string; neo4jPassword?: string; nodeArgs?: string[] }, log: (l: string) => void): Promise<RunningServer> {
  const { child, port } = await spawnServer(
    'peer',
    [path.join(BENCH_DIR, 'peer', 'peer-server.ts')],
    { NODE_ENV: 'production', NEO4J_URI: o.neo4jUri, NEO4J_PASSWORD: o.neo4jPassword },
    /PEER_READY (\d+)/,
    log,
    o.nodeArgs,
  );
  const base = `http://127.0.0.1:${port}`;
  return {
    name: 'peer',
    url: `${base}/graphql`,
    headers: {},
    pid: child.pid!,
    async roundTrips() {
      return ((await (await fetch(`${base}/round-trips`)).json()) as { roundTrips: number }).roundTrips;
    },
    stop: () => stopChild(child),
  };
}

/** One GraphQL request; throws on errors (answers are compared before anything is timed). */
export async function ask(s: RunningServer, query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await fetch(s.url, { method: 'POST', headers: { 'content-type': 'application/json', ...s.headers }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown };
  if (!res.ok || body.errors) throw new Error(`${s.name}: ${res.status} ${JSON.stringify(body.errors ?? body).slice(0, 1000)}`);
  return body.data!;
}

import { randomUUID } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { openHelix, type HelixContext } from '../../src/app/context.js';
import { configSchema } from '../../src/config/schema.js';
import { createLogger } from '../../src/observability/logger.js';
import { benchNeo4j, type BenchNeo4j } from '../harness/bench-neo4j.js';
import { BENCH_DIR } from '../harness/run-suite.js';
import { startServeChild, type ServeChild } from '../harness/serve-child.js';
import type { Suite } from '../harness/suite.js';
import { mulberry32 } from '../lineage-graph.js';
import { ensureBenchGraph } from '../lineage-load.js';

let db: BenchNeo4j | undefined;
let serve: ServeChild | undefined;
let helix: HelixContext | undefined;
const TOKEN = 'bench-mixed-load-token';
const FIXTURES = path.resolve(path.dirname(BENCH_DIR), '..', 'shared', 'fixtures', 'dbt');

interface Latencies {
  ok: number[];
  errors: Map<string, number>;
}

/**
 * 50 clients for 60 s on a mix of lineage (depth 3–10, both directions), search and capsule queries against
 * `helix serve` (its own process, Redis caches on) while dbt ingestions run one after another in another process
 * (each one bumps the graph version: cached answers are recomputed). Every answer is checked: an HTTP error, a
 * GraphQL error or a missing `data` counts as an error. Goal: zero errors; p50/p95/p99 recorded.
 */
const suite: Suite = {
  name: 'mixed-load',
  description: '50 clients x 60 s: lineage, search and capsule queries while dbt ingestions run; errors and p50/p95/p99',
  async run({ quick, log, round }) {
    db ??= await benchNeo4j('bench-instance', log);
    const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    const capsuleCount = quick ? 100 : 5000;
    if (!helix) {
      const config = configSchema.parse({ NEO4J_URI: db.uri, NEO4J_PASSWORD: db.password, REDIS_URL: redisUrl, LOG_LEVEL: 'silent' });
      helix = await openHelix(config, createLogger('silent'), { migrate: true, log: () => {} });
    }
    const { capsules } = await ensureBenchGraph(helix, { capsules: capsuleCount, seed: 42 }, log);
    serve ??= await startServeChild(
      { NEO4J_URI: db.uri, NODE_ENV: 'development', HELIX_AUTH_TOKEN: TOKEN, HELIX_RATE_LIMIT_PER_MINUTE: '100000000', HELIX_RATE_LIMIT_KEY_PREFIX: `helix:rl:bench:${randomUUID()}`, REDIS_URL: redisUrl },
      { log },
    );
    const clients = quick ? 5 : 50;
    const seconds = quick ? 3 : 60;
    const rnd = mulberry32(7 + (round ?? 0));
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const words = ['orders', 'customers', 'revenue', 'stg', 'payments', 'daily', 'model', 'source', 'fct', 'dim'];
    const question = (): { kind: string; query: string; variables: Record<string, unknown> } => {
      const r = rnd();
      if (r < 0.4) {
        return {
          kind: 'lineage',
          query: 'query L($urn: ID!, $d: LineageDirection, $depth: Int) { lineage(urn: $urn, direction: $d, depth: $depth) { root truncated nodes { urn type distance } edges { from to type } } }',
          variables: { urn: pick(capsules), d: pick(['UPSTREAM', 'DOWNSTREAM', 'BOTH']), depth: 3 + Math.floor(rnd() * 8) },
        };
      }
      if (r < 0.7) return { kind: 'search', query: 'query S($t: String!) { search(text: $t, first: 20) { edges { score node { urn type } } } }', variables: { t: pick(words) } };
      return { kind: 'capsule', query: 'query C($urn: ID!) { capsule(urn: $urn) { urn name tags { name } } }', variables: { urn: pick(capsules) } };
    };

    const ingest = startIngestions(db.uri, redisUrl, log);
    const results = new Map<string, Latencies>();
    const deadline = performance.now() + seconds * 1000;
    try {
      await Promise.all(
        Array.from({ length: clients }, async () => {
          while (performance.now() < deadline) {
            const q = question();
            const r = results.get(q.kind) ?? { ok: [], errors: new Map<string, number>() };
            results.set(q.kind, r);
            const started = performance.now();
            let failure: string | undefined;
            try {
              const res = await fetch(`${serve!.base}/graphql`, {
                method: 'POST',
                headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
                body: JSON.stringify({ query: q.query, variables: q.variables }),
              });
              const body = (await res.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
              if (res.status !== 200) failure = `HTTP ${res.status}`;
              else if (body.errors?.length) failure = body.errors[0]?.extensions?.code ?? 'GRAPHQL_ERROR';
              else if (!body.data) failure = 'NO_DATA';
            } catch (error) {
              failure = (error as Error).message;
            }
            if (failure) r.errors.set(failure, (r.errors.get(failure) ?? 0) + 1);
            else r.ok.push(performance.now() - started);
          }
        }),
      );
    } finally {
      ingest.stop();
    }
    const ingestions = await ingest.done;
    const all: Latencies = { ok: [...results.values()].flatMap((r) => r.ok), errors: new Map<string, number>() };
    for (const r of results.values()) for (const [k, n] of r.errors) all.errors.set(k, (all.errors.get(k) ?? 0) + n);
    const row = (measure: string, l: Latencies) => {
      const sorted = [...l.ok].sort((a, b) => a - b);
      const q = (p: number) => (sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!) : null);
      const errors = [...l.errors.values()].reduce((a, b) => a + b, 0);
      return { measure, requests: sorted.length + errors, requestsPerSecond: Math.round((sorted.length + errors) / seconds), errors, latencyP50: q(0.5), latencyP95: q(0.95), latencyP99: q(0.99) };
    };
    const errorKinds = [...all.errors.entries()].map(([k, n]) => `${k} x${n}`).join(', ');
    // The goal is zero errors under load with ingestions running: a round with any fails the suite (and its test).
    if (errorKinds) throw new Error(`mixed load: ${errorKinds}`);
    return {
      rows: [row('all', all), ...[...results.entries()].sort().map(([kind, l]) => row(kind, l))],
      notes: [
        `${clients} clients, ${seconds} s, ${capsules.length} synthetic capsules; ${ingestions.completed} dbt ingestions completed during the load (${ingestions.failed} failed)`,
      ],
    };
  },
  async close() {
    await serve?.stop();
    serve = undefined;
    await helix?.close();
    helix = undefined;
    await db?.release();
    db = undefined;
  },
};

/** dbt ingestions of the corpus projects, one after another in their own process, until stopped. */
function startIngestions(uri: string, redisUrl: string, log: (line: string) => void): { stop(): void; done: Promise<{ completed: number; failed: number }> } {
  const projects = readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => path.join(FIXTURES, d.name));
  let stopped = false;
  let child: ChildProcess | undefined;
  const done = (async () => {
    let completed = 0;
    let failed = 0;
    for (let i = 0; !stopped && projects.length > 0; i++) {
      const project = projects[i % projects.length]!;
      const code = await new Promise<number | null>((resolve) => {
        child = spawn(process.execPath, ['--import', 'tsx', path.join(path.dirname(BENCH_DIR), 'src/cli/main.ts'), 'ingest', 'dbt', project, '--namespace', `mixload${i % projects.length}`, '--json'], {
          cwd: path.dirname(BENCH_DIR),
          env: { ...process.env, NEO4J_URI: uri, REDIS_URL: redisUrl, LOG_LEVEL: 'silent' },
          stdio: 'ignore',
        });
        child.once('exit', resolve);
      });
      if (stopped) break;
      if (code === 0) completed++;
      else {
        failed++;
        log(`ingestion of ${path.basename(project)} exited ${code}`);
      }
    }
    return { completed, failed };
  })();
  return {
    stop() {
      stopped = true;
      child?.kill('SIGTERM');
    },
    done,
  };
}

export default suite;

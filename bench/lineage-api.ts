/**
 * Lineage API benchmark: `NEO4J_URI=bolt://... npx tsx bench/lineage-api.ts [--capsules 100000] [--samples 300]
 * [--seconds 10] [--connections 50] [--workers 1]` (NODE_ENV=production, as served). Start a Neo4j with `npx tsx src/cli/main.ts neo4j start`.
 * Writes a dbt-shaped graph (bench/lineage-graph.ts) once, then measures: the one-round-trip APOC BFS against a
 * round trip per hop, uncached lineage(depth: 10) server-side (in-process GraphQL, no network), and requests/s of
 * a cached lineage query over HTTP under concurrent clients (autocannon). Goals: p95 <= 50 ms, >= 3000 req/s.
 * `--only latency` skips the HTTP load tests, `--only http` the strategy comparison (bench suites lineage and api).
 */
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { openHelix } from '../src/app/context.js';
import { configSchema } from '../src/config/schema.js';
import { createHelixYoga } from '../src/graphql/yoga.js';
import { createHttpServer } from '../src/http/server.js';
import { requireQueries } from '../src/db/registry.js';
import { createLogger } from '../src/observability/logger.js';
import { expandOneWay } from '../src/services/lineage/expand.js';
import { graphVersionReader } from '../src/services/lineage/graph-version.js';
import { serviceContext } from '../src/services/lineage/service-context.js';
import { mulberry32 } from './lineage-graph.js';
import { ensureBenchGraph } from './lineage-load.js';
import { hopByHop, loadTest, timeEach } from './lineage-measure.js';

const Q = requireQueries(['meta/bump-graph-version'] as const);

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const opts = {
  capsules: arg('capsules', 100_000),
  samples: arg('samples', 300),
  seconds: arg('seconds', 10),
  connections: arg('connections', 50),
  workers: arg('workers', 1),
};
const only = (() => {
  const i = process.argv.indexOf('--only');
  return i > 0 ? process.argv[i + 1] : undefined;
})();
const log = (m: string) => process.stderr.write(`[lineage-bench] ${m}\n`);

if (!process.env.NEO4J_URI) {
  log('NEO4J_URI is not set: start a Neo4j with `npx tsx src/cli/main.ts neo4j start` and pass the Bolt URI it prints');
  process.exit(2);
}
const config = configSchema.parse({
  NEO4J_URI: process.env.NEO4J_URI,
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  LOG_LEVEL: 'silent',
  NEO4J_TX_TIMEOUT_MS: 600_000,
  HELIX_RATE_LIMIT_PER_MINUTE: 1_000_000_000,
  HELIX_RATE_LIMIT_KEY_PREFIX: 'helix:bench:rl',
});
const helix = await openHelix(config, createLogger('silent'), { migrate: true, log });
try {
  const { graph, capsules, loadedMs } = await ensureBenchGraph(helix, { capsules: opts.capsules, seed: 42 }, log);
  const rnd = mulberry32(7);
  const pick = (n: number) => Array.from({ length: n }, () => capsules[Math.floor(rnd() * capsules.length)]!);
  const roots = [...new Set(pick(opts.samples))];
  const s = serviceContext(helix, {});
  const oneWay = (urn: string, way: 'UPSTREAM' | 'DOWNSTREAM') =>
    expandOneWay(s, { urn, way, level: 'TABLE', depth: 10, limit: 500, filter: {}, probeBeyond: false });

  log('warming up plan caches ...');
  for (const urn of pick(50)) await Promise.all([oneWay(urn, 'UPSTREAM'), hopByHop(helix.exec, urn, 'DOWNSTREAM', 10, 500)]);

  log(`strategy comparison on ${roots.length} roots (one direction, depth 10, limit 500) ...`);
  const sizes: number[] = [];
  const strategies = only === 'http' ? undefined : {
    apocOneRoundTripDown: await timeEach(roots, async (u) => sizes.push((await oneWay(u, 'DOWNSTREAM'))!.nodes.length)),
    hopPerRoundTripDown: await timeEach(roots, (u) => hopByHop(helix.exec, u, 'DOWNSTREAM', 10, 500)),
    apocOneRoundTripUp: await timeEach(roots, async (u) => sizes.push((await oneWay(u, 'UPSTREAM'))!.nodes.length)),
    hopPerRoundTripUp: await timeEach(roots, (u) => hopByHop(helix.exec, u, 'UPSTREAM', 10, 500)),
  };

  log('uncached lineage(depth: 10) through GraphQL, every root once ...');
  // A new graph version: answers cached by an earlier run of this bench are not used.
  await helix.exec.write(Q['meta/bump-graph-version']);
  const yoga = createHelixYoga(helix);
  const query = `query($urn: ID!) { lineage(urn: $urn, depth: 10) { truncated nodes { urn type name distance } edges { from to type } } }`;
  const ask = async (urn: string) => {
    const res = await yoga.fetch('http://bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables: { urn } }),
    });
    const body = (await res.json()) as { data?: { lineage: { nodes: unknown[] } }; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data!.lineage.nodes.length;
  };
  const graphqlSizes: number[] = [];
  const uncachedRoots = [...new Set(pick(opts.samples))].filter((u) => !roots.includes(u));
  const uncached = await timeEach(uncachedRoots, async (u) => graphqlSizes.push(await ask(u)));
  const heavyRoots = heaviest(graph.flows, 100);
  const heavySizes: number[] = [];
  const uncachedHeavy = await timeEach(heavyRoots, async (u) => heavySizes.push(await ask(u)));

  if (only !== 'latency') log(`cached lineage over HTTP: ${opts.connections} clients for ${opts.seconds} s ...`);
  const server = createHttpServer(helix);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const cachedRun = async (variables: Record<string, unknown>, q = query) => {
    const body = JSON.stringify({ query: q, variables });
    await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return loadTest(url, body, opts.connections, opts.seconds, opts.workers);
  };
  // A root of median lineage size, and a heavy one.
  const bySize = uncachedRoots.map((u, i) => [u, graphqlSizes[i]!] as const).sort((a, b) => a[1] - b[1]);
  const [typical, typicalNodes] = bySize[Math.floor(bySize.length / 2)]!;
  const cached: Record<string, unknown> = {};
  for (const stalenessMs of only === 'latency' ? [] : [0, 250]) {
    graphVersionReader(helix.exec).maxStalenessMs = stalenessMs;
    const mode = stalenessMs === 0 ? 'strictVersion' : `versionStaleness${stalenessMs}ms`;
    cached[mode] = {
      typicalRoot: { ...(await cachedRun({ urn: typical })), nodes: typicalNodes },
      heavyRoot: { ...(await cachedRun({ urn: heavyRoots[10] })), nodes: heavySizes[10] },
    };
  }
  graphVersionReader(helix.exec).maxStalenessMs = 0;
  // What the same server does for a query that touches nothing: the ceiling of this pipeline on this machine.
  const ceiling = only === 'latency' ? undefined : await cachedRun({}, '{ __typename }');
  server.closeAllConnections();
  await new Promise((r) => server.close(r));

  const mean = (xs: number[]) => Math.round((10 * xs.reduce((a, b) => a + b, 0)) / Math.max(1, xs.length)) / 10;
  const report = {
    graph: { capsules: capsules.length, nodes: graph.nodes.length, edges: graph.edges.length, loadedSeconds: loadedMs && Math.round(loadedMs / 1000) },
    strategiesMs: strategies,
    meanOneWayNodes: mean(sizes),
    uncachedLineageDepth10Ms: { ...uncached, meanNodes: mean(graphqlSizes) },
    uncachedHeavyRootsMs: { ...uncachedHeavy, meanNodes: mean(heavySizes) },
    cachedHttp: { connections: opts.connections, seconds: opts.seconds, cache: helix.cache.kind, ...cached },
    pipelineCeilingTypename: ceiling,
    nodeEnv: process.env.NODE_ENV ?? 'development',
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    cpus: os.cpus().length,
    goals: {
      p95UncachedAtMost50ms: uncached.p95 <= 50,
      cachedAtLeast3000rps: only === 'latency' ? undefined : Object.values(cached).some((c) => (c as { typicalRoot: { requestsPerSecond: number } }).typicalRoot.requestsPerSecond >= 3000),
    },
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} finally {
  await helix.close();
}

/** Capsules with the largest downstream within 10 hops: the lineage queries that cost the most. */
function heaviest(flows: Array<[string, string]>, n: number): string[] {
  const out = new Map<string, string[]>();
  for (const [a, b] of flows) (out.get(a) ?? out.set(a, []).get(a)!).push(b);
  const reach = (root: string) => {
    const seen = new Set([root]);
    let frontier = [root];
    for (let d = 0; d < 10 && frontier.length > 0; d++) {
      frontier = frontier.flatMap((u) => out.get(u) ?? []).filter((v) => !seen.has(v) && seen.add(v));
    }
    return seen.size;
  };
  return [...out.keys()].map((u) => [u, reach(u)] as const).sort((a, b) => b[1] - a[1]).slice(0, n).map(([u]) => u);
}

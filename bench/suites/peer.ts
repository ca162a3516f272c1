import { isDeepStrictEqual } from 'node:util';
import { openHelix } from '../../src/app/context.js';
import { configSchema } from '../../src/config/schema.js';
import { createLogger } from '../../src/observability/logger.js';
import { benchNeo4j, type BenchNeo4j } from '../harness/bench-neo4j.js';
import type { Row, Suite } from '../harness/suite.js';
import { round } from '../harness/summary.js';
import { loadTest } from '../lineage-measure.js';
import type { SyntheticGraph } from '../lineage-graph.js';
import { ensurePeerGraph } from '../peer/peer-graph.js';
import { peerQuestions, type Question } from '../peer/peer-questions.js';
import { ask, startHelix, startPeer, type RunningServer } from '../peer/servers.js';

/**
 * Helix against the Neo4j GraphQL Library (@neo4j/graphql 7) on the same Neo4j and graph: the questions of issue #17,
 * answers checked equal first, Cypher round trips per request counted on both, then req/s and latency under 20
 * connections with the two systems alternated per question (order flipped every round). Helix runs as deployed
 * (`helix serve`, production settings, Redis) with HELIX_CACHE=off; a second Helix with its caches on measures
 * cached answers against its own `{ __typename }`.
 */
// The suite's own Neo4j runs without auth (it listens on loopback only) and accepts any credentials: Helix's
// production settings insist on a password, so it gets this one.
const PASSWORD = 'helix-bench-peer';
const CONNECTIONS = 20;

interface State {
  neo4j: BenchNeo4j;
  helix: RunningServer;
  helixCached: RunningServer;
  peer: RunningServer;
  questions: Question[];
  roundTrips: Map<string, { helix: number; peer: number; helixCached: number }>;
  notes: string[];
}
let state: State | undefined;

async function setup(quick: boolean, log: (l: string) => void): Promise<State> {
  const neo4j = await benchNeo4j('bench-peer', log);
  try {
    return await setupOn(neo4j, quick, log);
  } catch (error) {
    await neo4j.release();
    throw error;
  }
}

async function setupOn(neo4j: BenchNeo4j, quick: boolean, log: (l: string) => void): Promise<State> {
  const ownNeo4j = !process.env.NEO4J_URI;
  const password = ownNeo4j ? PASSWORD : neo4j.password;
  const config = configSchema.parse({ NEO4J_URI: neo4j.uri, NEO4J_PASSWORD: password, LOG_LEVEL: 'silent', NEO4J_TX_TIMEOUT_MS: 600_000 });
  const loader = await openHelix(config, createLogger('silent'), { migrate: true });
  let graph: SyntheticGraph;
  try {
    graph = await ensurePeerGraph(loader.exec, { capsules: quick ? 300 : 12_800, seed: 42, columnTagShare: 0.15 }, log);
  } finally {
    await loader.close();
  }
  const inputs = pickInputs(graph);
  log(`questions on namespace ${inputs.namespace}, lineage root ${inputs.lineageRoot}, model ${inputs.model}`);
  const production = Boolean(password);
  // The first Helix checks its queries against Neo4j at start-up and records the check; the cached Helix (which then
  // finds the check recorded) and the peer (no such check) start side by side after it. All are stopped again if one
  // fails.
  const started: RunningServer[] = [];
  try {
    started.push(await startHelix('helix', { neo4jUri: neo4j.uri, neo4jPassword: password, cache: 'off', production }, log));
    const rest = await Promise.allSettled([
      startHelix('helix-cached', { neo4jUri: neo4j.uri, neo4jPassword: password, cache: 'on', production }, log),
      startPeer({ neo4jUri: neo4j.uri, neo4jPassword: password }, log),
    ]);
    for (const r of rest) if (r.status === 'fulfilled') started.push(r.value);
    const failed = rest.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    return await checkAnswers(neo4j, started, inputs, graph, production, log);
  } catch (error) {
    await Promise.all(started.map((x) => x.stop()));
    throw error;
  }
}

/**
 * HELIX_BENCH_QUESTIONS=Q1,Q2 asks only those (and always Q0, the ceiling of the cached shares): an A/B of one change
 * on the questions it touches in minutes instead of the whole suite.
 */
function selectedQuestions(inputs: ReturnType<typeof pickInputs>): Question[] {
  const only = process.env.HELIX_BENCH_QUESTIONS?.split(',').map((x) => x.trim()).filter(Boolean);
  const all = peerQuestions(inputs);
  if (!only?.length) return all;
  const unknown = only.filter((id) => !all.some((q) => q.id === id));
  if (unknown.length > 0) throw new Error(`HELIX_BENCH_QUESTIONS: unknown ${unknown.join(', ')} (one of ${all.map((q) => q.id).join(', ')})`);
  return all.filter((q) => q.id === 'Q0' || only.includes(q.id));
}

async function checkAnswers(
  neo4j: BenchNeo4j,
  [helix, helixCached, peer]: RunningServer[],
  inputs: ReturnType<typeof pickInputs>,
  graph: SyntheticGraph,
  production: boolean,
  log: (l: string) => void,
): Promise<State> {
  if (!helix || !helixCached || !peer) throw new Error('servers missing');
  const s: State = { neo4j, helix, helixCached, peer, questions: selectedQuestions(inputs), roundTrips: new Map(), notes: [] };
  s.notes.push(`graph: ${graph.nodes.length} nodes, ${graph.edges.length} edges; Helix ${production ? 'NODE_ENV=production' : 'development mode (no Neo4j password)'}, Redis, HELIX_CACHE=off`);
  if (s.questions.length < peerQuestions(inputs).length) s.notes.push(`only ${s.questions.map((q) => q.id).join(', ')} (HELIX_BENCH_QUESTIONS)`);
  for (const q of s.questions) {
    const expected = q.peerAnswer(await ask(peer, q.peer.query, q.peer.variables));
    for (const h of [helix, helixCached]) {
      const got = q.helixAnswer(await ask(h, q.helix.query, q.helix.variables));
      if (!isDeepStrictEqual(got, expected)) {
        throw new Error(`${q.id}: ${h.name} and the peer answer differently:\n${JSON.stringify(got).slice(0, 1500)}\n${JSON.stringify(expected).slice(0, 1500)}`);
      }
    }
    s.roundTrips.set(q.id, {
      helix: await roundTripsPerRequest(helix, q.helix),
      peer: await roundTripsPerRequest(peer, q.peer),
      helixCached: await roundTripsPerRequest(helixCached, q.helix),
    });
  }
  log('answers equal; round trips per request: ' + JSON.stringify(Object.fromEntries(s.roundTrips)));
  return s;
}

async function roundTripsPerRequest(s: RunningServer, q: { query: string; variables: Record<string, unknown> }): Promise<number> {
  const n = 5;
  const before = await s.roundTrips();
  for (let i = 0; i < n; i++) await ask(s, q.query, q.variables);
  return round((await s.roundTrips() - before) / n, 1);
}

const suite: Suite = {
  name: 'peer',
  description: `Helix (HELIX_CACHE=off) vs @neo4j/graphql 7 on the same Neo4j: req/s and latency, ${CONNECTIONS} connections, systems alternated`,
  async run({ quick, log, round: r = 0 }) {
    state ??= await setup(quick, log);
    const s = state;
    const seconds = quick ? 1 : 8;
    const measure = async (server: RunningServer, q: { query: string; variables: Record<string, unknown> }) => {
      const t = await loadTest(server.url, JSON.stringify(q), CONNECTIONS, seconds, 0, server.headers);
      if (t.errors > 0 || t.non2xx > 0) s.notes.push(`${server.name}: ${t.errors} errors, ${t.non2xx} non-2xx answers during a run`);
      return t;
    };
    const rows: Row[] = [];
    for (const q of s.questions) {
      const helixFirst = r % 2 === 0;
      const first = await measure(helixFirst ? s.helix : s.peer, helixFirst ? q.helix : q.peer);
      const second = await measure(helixFirst ? s.peer : s.helix, helixFirst ? q.peer : q.helix);
      const [h, p] = helixFirst ? [first, second] : [second, first];
      const rt = s.roundTrips.get(q.id)!;
      rows.push({
        question: q.label,
        helixRps: h.requestsPerSecond,
        peerRps: p.requestsPerSecond,
        rpsRatio: round(h.requestsPerSecond / Math.max(1, p.requestsPerSecond)),
        helixP99Ms: h.latencyP99,
        peerP99Ms: p.latencyP99,
        p99Ratio: round(h.latencyP99 / Math.max(1, p.latencyP99)),
        helixRoundTrips: rt.helix,
        peerRoundTrips: rt.peer,
      });
    }
    // Cached answers, against the same (cached) server's `{ __typename }`.
    const ceiling = await measure(s.helixCached, s.questions[0]!.helix);
    for (const q of s.questions.filter((x) => x.id !== 'Q0')) {
      const t = await measure(s.helixCached, q.helix);
      rows.push({
        question: `${q.id} cached (share of { __typename })`,
        helixRps: t.requestsPerSecond,
        peerRps: null,
        rpsRatio: round(t.requestsPerSecond / Math.max(1, ceiling.requestsPerSecond)),
        helixP99Ms: t.latencyP99,
        peerP99Ms: null,
        p99Ratio: null,
        helixRoundTrips: s.roundTrips.get(q.id)!.helixCached,
        peerRoundTrips: null,
      });
    }
    return { rows, notes: [...new Set(s.notes)] };
  },
  async close() {
    if (!state) return;
    const s = state;
    state = undefined;
    await Promise.all([s.helix.stop(), s.helixCached.stop(), s.peer.stop()]);
    await s.neo4j.release();
  },
};
export default suite;

/** A namespace with the most models, a model with a deep (but < 500 nodes) upstream, and an ordinary model. */
export function pickInputs(g: SyntheticGraph) {
  const models = g.nodes.filter((n) => n.labels.includes('Model'));
  const byNamespace = new Map<string, number>();
  for (const m of models) byNamespace.set(String(m.props.namespace), (byNamespace.get(String(m.props.namespace)) ?? 0) + 1);
  const namespace = [...byNamespace].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
  const parents = new Map<string, string[]>();
  for (const [up, down] of g.flows) (parents.get(down) ?? parents.set(down, []).get(down)!).push(up);
  const upstreamSize = (root: string) => {
    const seen = new Set([root]);
    let frontier = [root];
    for (let d = 0; d < 10 && frontier.length > 0; d++) frontier = frontier.flatMap((u) => parents.get(u) ?? []).filter((v) => !seen.has(v) && seen.add(v));
    return seen.size;
  };
  const sized = models.map((m) => [m.urn, upstreamSize(m.urn)] as const).filter(([, n]) => n < 500).sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
  return { namespace, lineageRoot: sized[Math.floor(sized.length * 0.9)]![0], model: sized[Math.floor(sized.length / 2)]![0] };
}

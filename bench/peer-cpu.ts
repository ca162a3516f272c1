/**
 * CPU per request of Helix and of @neo4j/graphql for the peer suite's questions, on a busy machine where req/s
 * says little: N sequential requests per system, alternated, and the CPU time (user + system, /proc) that the
 * server process and Neo4j spent meanwhile, divided by N. Also the wall time per sequential request.
 *
 *   npx tsx bench/peer-cpu.ts [--questions Q1,Q2] [--n 100] [--rounds 3] [--systems helix,peer] [--cpu-prof DIR]
 *                             [--cache on]
 *
 * Uses the peer suite's Neo4j home (.neo4j/bench-peer, graph loaded by `npm run bench -- peer` or here) and its
 * question inputs. `--cpu-prof DIR` starts the servers with `node --cpu-prof` (profiles written in DIR on exit).
 * `--cache on` starts Helix with its response and result caches on (as the suite's helix-cached): after the warm-up
 * every request of a cacheable question is a cache hit, to compare with `{ __typename }` (Q0) of the same server.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { openHelix } from '../src/app/context.js';
import { configSchema } from '../src/config/schema.js';
import { createLogger } from '../src/observability/logger.js';
import { projectRoot } from '../src/project-root.js';
import { benchNeo4j } from './harness/bench-neo4j.js';
import { ensurePeerGraph } from './peer/peer-graph.js';
import { peerQuestions } from './peer/peer-questions.js';
import { ask, startHelix, startPeer, type RunningServer } from './peer/servers.js';
import { pickInputs } from './suites/peer.js';

const { values: a } = parseArgs({
  options: {
    questions: { type: 'string', default: 'Q0,Q1,Q2,Q3d3,Q3d10,Q4' },
    n: { type: 'string', default: '100' },
    rounds: { type: 'string', default: '3' },
    systems: { type: 'string', default: 'helix,peer' },
    'cpu-prof': { type: 'string' },
    /** Extra node option(s) for both servers, e.g. `--require=/path/capture.cjs`. */
    'node-arg': { type: 'string', multiple: true },
    quick: { type: 'boolean', default: false },
    cache: { type: 'string', default: 'off' },
  },
});
const log = (l: string) => process.stderr.write(l + '\n');
const TICK_MS = 10; // USER_HZ = 100

function cpuMs(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) * TICK_MS;
}

const neo4j = await benchNeo4j('bench-peer', log);
const neo4jPid = (JSON.parse(readFileSync(path.join(projectRoot(), '.neo4j', 'bench-peer', 'state.json'), 'utf8')) as { pid: number }).pid;
const config = configSchema.parse({ NEO4J_URI: neo4j.uri, NEO4J_PASSWORD: 'helix-bench-peer', LOG_LEVEL: 'silent', NEO4J_TX_TIMEOUT_MS: 600_000 });
const loader = await openHelix(config, createLogger('silent'), { migrate: true });
const graph = await ensurePeerGraph(loader.exec, { capsules: a.quick ? 300 : 12_800, seed: 42, columnTagShare: 0.15 }, log);
await loader.close();
const questions = peerQuestions(pickInputs(graph)).filter((q) => a.questions!.split(',').includes(q.id));
const nodeArgs = [...(a['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${a['cpu-prof']}`] : []), ...(a['node-arg'] ?? [])];
const systems = a.systems!.split(',');
const servers: Array<{ s: RunningServer; pick: (q: (typeof questions)[number]) => { query: string; variables: Record<string, unknown> } }> = [];
try {
  if (systems.includes('helix')) {
    const s = await startHelix('helix', { neo4jUri: neo4j.uri, neo4jPassword: 'helix-bench-peer', cache: a.cache === 'on' ? 'on' : 'off', production: true, nodeArgs }, log);
    servers.push({ s, pick: (q) => q.helix });
  }
  if (systems.includes('peer')) {
    const s = await startPeer({ neo4jUri: neo4j.uri, neo4jPassword: 'helix-bench-peer', nodeArgs }, log);
    servers.push({ s, pick: (q) => q.peer });
  }
  const n = Number(a.n);
  const [h, p] = [servers.find((x) => x.s.name === 'helix'), servers.find((x) => x.s.name === 'peer')];
  if (h && p) {
    for (const q of questions) {
      const [got, expected] = [q.helixAnswer(await ask(h.s, q.helix.query, q.helix.variables)), q.peerAnswer(await ask(p.s, q.peer.query, q.peer.variables))];
      if (!isDeepStrictEqual(got, expected)) throw new Error(`${q.id}: answers differ:\n${JSON.stringify(got).slice(0, 800)}\n${JSON.stringify(expected).slice(0, 800)}`);
    }
    log('answers equal');
  }
  for (const q of questions) {
    for (const { s, pick } of servers) for (let i = 0; i < 20; i++) await ask(s, pick(q).query, pick(q).variables); // warm-up
    const sums = new Map<string, { node: number[]; neo4j: number[]; wall: number[] }>();
    for (let r = 0; r < Number(a.rounds); r++) {
      const order = r % 2 === 0 ? servers : [...servers].reverse();
      for (const { s, pick } of order) {
        const { query, variables } = pick(q);
        const [c0, d0, t0, m0] = [cpuMs(s.pid), cpuMs(neo4jPid), performance.now(), process.hrtime.bigint() / 1000n];
        for (let i = 0; i < n; i++) await ask(s, query, variables);
        const [c1, d1, t1, m1] = [cpuMs(s.pid), cpuMs(neo4jPid), performance.now(), process.hrtime.bigint() / 1000n];
        // The monotonic clock in µs, as V8 profiles time their samples: a profile's samples of this window only.
        if (a['cpu-prof']) log(`window ${s.name} ${q.id} ${m0} ${m1}`);
        const m = sums.get(s.name) ?? sums.set(s.name, { node: [], neo4j: [], wall: [] }).get(s.name)!;
        m.node.push((c1 - c0) / n);
        m.neo4j.push((d1 - d0) / n);
        m.wall.push((t1 - t0) / n);
      }
    }
    const med = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!.toFixed(2);
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
    for (const [name, m] of sums) {
      console.log(`${q.id}\t${name}\tnode CPU ms/req ${med(m.node)}\tneo4j CPU ms/req ${med(m.neo4j)}\twall ms/req ${med(m.wall)}\t(load ${load}, n=${n}, ${m.node.length} rounds: ${m.node.map((x) => x.toFixed(1)).join(' ')})`);
    }
  }
} finally {
  await Promise.all(servers.map(({ s }) => s.stop()));
  await neo4j.release();
}

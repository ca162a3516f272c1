import { benchNeo4j, type BenchNeo4j } from '../harness/bench-neo4j.js';
import { flatten, runBenchScript } from '../harness/run-script.js';
import type { Row, Suite } from '../harness/suite.js';

let neo4j: BenchNeo4j | undefined;

/** bench/lineage-api.ts --only latency: lineage query strategies and uncached lineage(depth: 10) latency. */
const suite: Suite = {
  name: 'lineage',
  description: 'lineage latency (bench/lineage-api.ts --only latency): APOC BFS vs a round trip per hop, uncached lineage(depth: 10) in ms',
  async run({ quick, log }) {
    neo4j ??= await benchNeo4j('bench-instance', log);
    const args = quick ? ['--capsules', '100', '--samples', '5'] : ['--capsules', '100000', '--samples', '300'];
    const [report] = await runBenchScript('lineage-api.ts', [...args, '--only', 'latency'], { NEO4J_URI: neo4j.uri, NODE_ENV: 'production' }, log);
    const r = report as Record<string, Record<string, unknown>>;
    const rows: Row[] = [];
    for (const [strategy, lat] of Object.entries(r.strategiesMs ?? {})) rows.push({ measure: `strategy ${strategy}`, ...flatten(lat) });
    rows.push({ measure: 'uncached lineage(depth: 10), random roots', ...flatten(r.uncachedLineageDepth10Ms) });
    rows.push({ measure: 'uncached lineage(depth: 10), heaviest 100 roots', ...flatten(r.uncachedHeavyRootsMs) });
    return { rows, notes: [`graph: ${JSON.stringify(r.graph)}`] };
  },
  async close() {
    await neo4j?.release();
    neo4j = undefined;
  },
};
export default suite;

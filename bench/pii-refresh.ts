import { writeGraph } from '../src/ingestion/writer.js';
import { openHelix } from '../src/app/context.js';
import { configSchema } from '../src/config/schema.js';
import { refreshPii } from '../src/services/conformance/pii/refresh-pii.js';
import { createLogger } from '../src/observability/logger.js';
import { dbtShapedGraph, mulberry32 } from './lineage-graph.js';

/**
 * refreshPii on the synthetic dbt-shaped graph (bench/lineage-graph.ts) with PII sprinkled in: 3% of source columns
 * declared (`pii:email` tag), 3% named `first_name` (detected). Measures a full refresh, an unchanged second one
 * and one namespace. Usage: NEO4J_URI=bolt://127.0.0.1:PORT npx tsx bench/pii-refresh.ts [capsules=10000]
 * (the graph is wiped first: never point it at data you keep).
 */
const capsules = Number(process.argv[2] ?? 10_000);
const config = configSchema.parse({ NODE_ENV: 'test', NEO4J_URI: process.env.NEO4J_URI, LOG_LEVEL: 'silent', NEO4J_TX_TIMEOUT_MS: '600000' });
const helix = await openHelix(config, createLogger('silent'), { migrate: true, checkQueries: false, log: () => {} });
try {
  for (;;) {
    const [row] = await helix.exec.write('meta/wipe-graph-batch', { limit: 10_000 });
    if (Number(row?.deleted ?? 0) === 0) break;
  }
  const g = dbtShapedGraph({ capsules, seed: 7 });
  const rnd = mulberry32(11);
  let declared = 0;
  let named = 0;
  for (const n of g.nodes) {
    if (!n.labels.includes('Column') || !String(n.urn).includes(':source.') || n.props.name === 'id') continue;
    const r = rnd();
    if (r < 0.03) {
      n.props.tags = ['pii:email'];
      declared++;
    } else if (r < 0.06) {
      n.props.name = 'first_name';
      named++;
    }
  }
  const columns = g.nodes.filter((n) => n.labels.includes('Column')).length;
  let t = performance.now();
  await writeGraph(helix.exec, g, { scope: 'bench:pii', deleteMissing: false, batchSize: 2000 });
  console.log(`graph: ${capsules} capsules, ${columns} columns, ${g.derived.length} DERIVED_FROM; ${declared} declared, ${named} named first_name; written in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  for (const label of ['full refresh (first)', 'full refresh (unchanged)']) {
    t = performance.now();
    const s = await refreshPii(helix.exec);
    console.log(`${label}: ${((performance.now() - t) / 1000).toFixed(1)} s`, JSON.stringify({ ...s, byCategory: undefined }));
  }
  const ns = [...g.projects.keys()][Math.floor(g.projects.size / 2)]!;
  t = performance.now();
  const s = await refreshPii(helix.exec, { namespace: ns });
  console.log(`namespace ${ns}: ${((performance.now() - t) / 1000).toFixed(1)} s`, JSON.stringify({ ...s, byCategory: undefined }));
} finally {
  await helix.close();
}

// Ingest throughput of the dbt ingester: the largest corpus fixture and a synthetic 10k-model project, first
// ingest vs unchanged re-ingest. Needs a Neo4j: NEO4J_URI, or the checkout's local one (started if needed).
// Usage: npx tsx bench/dbt-ingest.ts [models=10000]
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openHelix } from '../src/app/context.js';
import { loadConfig } from '../src/config/load.js';
import { createLogger } from '../src/observability/logger.js';
import { runDbtIngest } from '../ingest/run/dbt.js';
import { writeGraph } from '../ingest/core/writer.js';
import { projectRoot } from '../src/project-root.js';
import { writeSyntheticDbtProject } from './synthetic-dbt.js';

const models = Number(process.argv[2] ?? 10_000);
const helix = await openHelix(loadConfig(), createLogger('warn'), { migrate: true });
const corpus = process.env.HELIX_CORPUS ?? path.resolve(projectRoot(), '../shared/fixtures');
const dbtDir = path.join(corpus, 'dbt');
const largest = readdirSync(dbtDir)
  .filter((d) => d !== 'schemas' && statSync(path.join(dbtDir, d)).isDirectory())
  .map((d) => ({ d, size: statSync(path.join(dbtDir, d, 'manifest.json'), { throwIfNoEntry: false })?.size ?? 0 }))
  .sort((a, b) => b.size - a.size)[0]!;

async function measure(label: string, dir: string, base: string) {
  // A namespace of its own per run, so the first ingest really is a first ingest (no SQL lineage memo either).
  const namespace = `${base}-${Date.now()}`;
  const first = await runDbtIngest(helix.exec, dir, { namespace, allowMassDelete: true });
  const items = first.write.nodes.created + first.write.nodes.updated + first.write.edges.created + first.write.edges.updated;
  const again = await runDbtIngest(helix.exec, dir, { namespace });
  const firstMs = first.timingsMs.total!;
  const againMs = again.timingsMs.total!;
  console.log(
    JSON.stringify({
      bench: label,
      nodes: first.write.nodes.created + first.write.nodes.updated,
      edges: first.write.edges.created + first.write.edges.updated,
      firstIngestMs: firstMs,
      firstTimings: first.timingsMs,
      nodesAndEdgesPerSecond: Math.round(items / (firstMs / 1000)),
      reingestMs: againMs,
      reingestTimings: again.timingsMs,
      reingestAllUnchanged: again.write.nodes.created + again.write.nodes.updated + again.write.nodes.deleted + again.write.edges.created + again.write.edges.updated + again.write.edges.deleted === 0,
      reingestShareOfFirst: Number((againMs / firstMs).toFixed(3)),
      modelsWithColumnLineage: first.stats.modelsWithColumnLineage,
      compiledModels: first.stats.compiledModels,
    }),
  );
  await writeGraph(helix.exec, { nodes: [], edges: [], issues: [] }, { scope: `dbt:${namespace}`, deleteMissing: true, allowMassDelete: true });
}

await measure(`largest fixture ${largest.d}`, path.join(dbtDir, largest.d), `bench-${largest.d}`);
const dir = writeSyntheticDbtProject(mkdtempSync(path.join(os.tmpdir(), 'helix-synthetic-')), models);
await measure(`synthetic ${models} models`, dir, `bench-synthetic-${models}`);
await helix.close();

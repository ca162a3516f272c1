// Bio ingestion throughput and memory: the kidney-genetics annotated gene table (all its sources) from the corpus,
// and a synthetic gene set in the kidney-genetics API shape. Needs a Neo4j (NEO4J_URI or the local one).
// Usage: NODE_OPTIONS=--expose-gc npx tsx bench/bio-ingest.ts [syntheticGenes=100000]
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bioRunner } from '../src/ingestion/bio.js';
import { writeGraph } from '../src/ingestion/writer.js';
import { openHelix } from '../src/app/context.js';
import { loadConfig } from '../src/config/load.js';
import { createLogger } from '../src/observability/logger.js';
import { projectRoot } from '../src/project-root.js';

const genes = Number(process.argv[2] ?? 100_000);
const helix = await openHelix(loadConfig(), createLogger('warn'), { migrate: true });
const corpus = process.env.HELIX_CORPUS ?? path.resolve(projectRoot(), '../shared/fixtures');
const kidneyDir = path.join(corpus, 'seeds', 'kidney-genetics');
const table = readdirSync(kidneyDir).find((f) => /annotated.*\.csv(\.gz)?$/.test(f))!;

let peakRss = 0;
let peakHeap = 0;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}, 50);

async function measure(label: string, file: string, format: string, genesIn: number) {
  // Measure a first ingestion: drop what an earlier run of this bench wrote from this file.
  await writeGraph(helix.exec, { nodes: [], edges: [], issues: [] }, { scope: `bio:${format}:${path.basename(file)}`, deleteMissing: true, allowMassDelete: true });
  (globalThis as { gc?: () => void }).gc?.(); // run with NODE_OPTIONS=--expose-gc for a clean baseline
  peakRss = process.memoryUsage().rss;
  peakHeap = process.memoryUsage().heapUsed;
  const before = process.memoryUsage().rss;
  const report = await bioRunner('annotations', 'annotations')(helix.exec, file, { format });
  const seconds = report.timingsMs.total! / 1000;
  const annotations = report.write.nodes.byLabel.Annotation?.created ?? 0;
  console.log(
    JSON.stringify({
      bench: label,
      genes: genesIn,
      annotations,
      records: report.stats.records,
      seconds,
      genesPerSecond: Math.round(genesIn / seconds),
      annotationsPerSecond: Math.round(annotations / seconds),
      rssBeforeMb: Math.round(before / 2 ** 20),
      peakRssMb: Math.round(peakRss / 2 ** 20),
      // RSS includes heap V8 has not collected yet; peak heap in use is the better sign of flat memory.
      peakHeapUsedMb: Math.round(peakHeap / 2 ** 20),
    }),
  );
}

await measure(`kidney-genetics table ${table}`, path.join(kidneyDir, table), 'kidney-gene-table', 603);

const dir = mkdtempSync(path.join(os.tmpdir(), 'helix-bio-bench-'));
const file = path.join(dir, 'kidney_gene_annotations.jsonl');
const lines: string[] = [];
for (let i = 1; i <= genes; i++) {
  lines.push(JSON.stringify({
    gene: { id: i, symbol: `BENCH${i}`, hgnc_id: `HGNC:${900000 + i}` },
    annotations: {
      gnomad: [{ version: 'v4.1', data: { pli: (i % 100) / 100, lof_z: i / 1000 }, updated_at: '2024-06-01T00:00:00Z' }],
      gtex: [{ version: 'v8', data: { tissues: { kidney_cortex: { median_tpm: i % 50 } } }, updated_at: '2024-02-01T00:00:00Z' }],
    },
  }));
}
writeFileSync(file, `${lines.join('\n')}\n`);
lines.length = 0;
// A first ingestion creates its genes too: drop the synthetic genes an earlier run of this bench left behind.
for (let from = 1; from <= genes; from += 10_000) {
  const urns = Array.from({ length: Math.min(10_000, genes - from + 1) }, (_, k) => `HGNC:${900000 + from + k}`);
  await helix.exec.runText('UNWIND $urns AS urn MATCH (g:Node {urn: urn}) DETACH DELETE g', { urns });
}
await measure(`synthetic ${genes} genes × 2 sources`, file, 'kidney-annotation-api', genes);
clearInterval(sampler);
await helix.close();

/**
 * The JSON readers of ingest/common on real corpus files, all on the one streamer JsonScanner (issue #15): the section
 * reader (readJsonSections, select mode; dbt), streamJsonValues (values mode) and readJsonValues (select mode: a
 * top-level array, NDJSON, concatenated values), against JSON.parse of the whole file. Same-run ratios; run:
 * npx tsx bench/json-streamers.ts (docs/benchmarks.md keeps the figures that chose JsonScanner over stream-json and
 * the line splitter these readers used before).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readJsonValues } from '../ingest/common/json-values.js';
import { streamJsonValues } from '../ingest/common/json-stream.js';
import { readJsonSections } from '../ingest/common/json-sections.js';

const corpus = process.env.HELIX_CORPUS ?? path.resolve(import.meta.dirname, '../../shared/fixtures');
const manifests = ['flipside-algorand-models-v7-dbt1.3.3', 'flipside-bitcoin-models-v12-dbt1.9.6'].map((p) => path.join(corpus, 'dbt', p, 'manifest.json'));

async function time(label: string, runs: number, fn: () => Promise<number>): Promise<number> {
  await fn(); // warm-up
  const started = performance.now();
  let n = 0;
  for (let i = 0; i < runs; i++) n = await fn();
  const ms = (performance.now() - started) / runs;
  console.warn(`${label.padEnd(58)} ${ms.toFixed(1).padStart(8)} ms  (${n} values)`);
  return ms;
}

const RUNS = Number(process.env.RUNS ?? 5);
for (const file of manifests) {
  console.warn(`\n${path.basename(path.dirname(file))}/manifest.json (${(readFileSync(file).length / 1e6).toFixed(1)} MB): every entry of "nodes"`);
  const base = await time('JSON.parse of the whole file', RUNS, async () => Object.keys((JSON.parse(readFileSync(file, 'utf8')) as { nodes: object }).nodes).length);
  const sj = await time('readJsonSections (JsonScanner select, entries)', RUNS, async () => {
    let n = 0;
    await readJsonSections(file, { modes: { nodes: 'entries' }, onEntry: () => void n++ });
    return n;
  });
  const scan = await time('streamJsonValues "nodes" (JsonScanner values)', RUNS, async () => {
    let n = 0;
    for await (const _ of streamJsonValues(file, 'nodes')) n++;
    return n;
  });
  console.warn(`  ratios to JSON.parse: readJsonSections ${(sj / base).toFixed(1)}x, streamJsonValues ${(scan / base).toFixed(1)}x`);

  // A top-level array (OpenLineage/NDJSON-style files): the nodes as an array of values.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'helix-json-bench-'));
  const arrayFile = path.join(dir, 'array.json');
  writeFileSync(arrayFile, JSON.stringify(Object.values((JSON.parse(readFileSync(file, 'utf8')) as { nodes: object }).nodes), null, 1));
  console.warn(`  the same nodes as a top-level array (${(readFileSync(arrayFile).length / 1e6).toFixed(1)} MB)`);
  const base2 = await time('  JSON.parse of the whole file', RUNS, async () => (JSON.parse(readFileSync(arrayFile, 'utf8')) as unknown[]).length);
  const split = await time('  readJsonValues (JsonScanner select)', RUNS, async () => {
    let n = 0;
    for await (const _ of readJsonValues(arrayFile)) n++;
    return n;
  });
  const scan2 = await time('  streamJsonValues "" (JsonScanner values)', RUNS, async () => {
    let n = 0;
    for await (const _ of streamJsonValues(arrayFile, '')) n++;
    return n;
  });
  console.warn(`  ratios to JSON.parse: readJsonValues ${(split / base2).toFixed(1)}x, streamJsonValues ${(scan2 / base2).toFixed(1)}x`);
}

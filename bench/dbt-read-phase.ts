/**
 * The dbt read phase alone (loadDbtArtifacts: files → collected artifacts, no mapping, no Neo4j) on the largest
 * corpus manifest and a synthetic project, plus the streaming section reader that files above STREAM_ABOVE_BYTES
 * take, forced on the same manifests. Mean of RUNS (default 5) after a warm-up; no Neo4j needed.
 * Usage: npx tsx bench/dbt-read-phase.ts [models=10000]
 */
import { mkdtempSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readJsonSections } from '../ingest/common/json-sections.js';
import { loadDbtArtifacts } from '../ingest/dbt/load-artifacts.js';
import { ManifestCollector } from '../ingest/dbt/read/manifest-collector.js';
import { projectRoot } from '../src/project-root.js';
import { largestDbtFixture } from './dbt-ingest-measure.js';
import { writeSyntheticDbtProject } from './synthetic-dbt.js';

const RUNS = Number(process.env.RUNS ?? 5);
const models = Number(process.argv[2] ?? 10_000);

async function time(label: string, fn: () => Promise<unknown>): Promise<void> {
  await fn(); // warm-up
  const started = performance.now();
  for (let i = 0; i < RUNS; i++) await fn();
  console.log(`${label.padEnd(64)} ${((performance.now() - started) / RUNS).toFixed(1).padStart(8)} ms`);
}

const corpus = process.env.HELIX_CORPUS ?? path.resolve(projectRoot(), '../shared/fixtures');
const largest = largestDbtFixture(path.join(corpus, 'dbt'));
const synthetic = writeSyntheticDbtProject(mkdtempSync(path.join(os.tmpdir(), 'helix-synthetic-')), models);
for (const [name, dir] of [[`largest fixture ${largest.name}`, largest.dir], [`synthetic ${models} models`, synthetic]] as const) {
  const manifest = path.join(dir, 'manifest.json');
  console.log(`${name}: manifest.json ${(statSync(manifest).size / 1e6).toFixed(1)} MB`);
  await time('  loadDbtArtifacts (the read phase)', () => loadDbtArtifacts({ path: dir }));
  await time('  readJsonSections (streamed manifest, as above 64 MB)', () => readJsonSections(manifest, new ManifestCollector(manifest).handlers));
}

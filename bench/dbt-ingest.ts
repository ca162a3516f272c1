// Ingest throughput of the dbt ingester: the largest corpus fixture and a synthetic 10k-model project, first
// ingest vs unchanged re-ingest. Needs a Neo4j: NEO4J_URI, or the checkout's local one (started if needed).
// Usage: npx tsx bench/dbt-ingest.ts [models=10000]
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openHelix } from '../src/app/context.js';
import { loadConfig } from '../src/config/load.js';
import { createLogger } from '../src/observability/logger.js';
import { projectRoot } from '../src/project-root.js';
import { largestDbtFixture, measureDbtIngest } from './dbt-ingest-measure.js';
import { writeSyntheticDbtProject } from './synthetic-dbt.js';

const models = Number(process.argv[2] ?? 10_000);
const helix = await openHelix(loadConfig(), createLogger('warn'), { migrate: true });
const corpus = process.env.HELIX_CORPUS ?? path.resolve(projectRoot(), '../shared/fixtures');
const largest = largestDbtFixture(path.join(corpus, 'dbt'));

console.log(JSON.stringify(await measureDbtIngest(helix, `largest fixture ${largest.name}`, largest.dir, `bench-${largest.name}`)));
const dir = writeSyntheticDbtProject(mkdtempSync(path.join(os.tmpdir(), 'helix-synthetic-')), models);
console.log(JSON.stringify(await measureDbtIngest(helix, `synthetic ${models} models`, dir, `bench-synthetic-${models}`)));
await helix.close();

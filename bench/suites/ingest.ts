import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openHelix } from '../../src/app/context.js';
import { loadConfig } from '../../src/config/load.js';
import { createLogger } from '../../src/observability/logger.js';
import { projectRoot } from '../../src/project-root.js';
import { largestDbtFixture, measureDbtIngest, type DbtIngestMeasurement } from '../dbt-ingest-measure.js';
import { writeSyntheticDbtProject } from '../synthetic-dbt.js';

/** `npm run bench -- ingest`: dbt ingestion, first and unchanged re-ingest (bench/dbt-ingest.ts, as a harness suite). */
export default {
  name: 'ingest',
  description: 'dbt ingestion: the largest corpus manifest and a synthetic project (10,000 models; 200 in quick mode), first ingest vs unchanged re-ingest',
  async run(opts: { quick: boolean; log: (line: string) => void }) {
    const models = opts.quick ? 200 : 10_000;
    const helix = await openHelix(loadConfig(), createLogger('warn'), { migrate: true });
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'helix-bench-ingest-'));
    try {
      const corpus = process.env.HELIX_CORPUS ?? path.resolve(projectRoot(), '../shared/fixtures');
      const largest = largestDbtFixture(path.join(corpus, 'dbt'));
      const rows = [];
      for (const [label, dir] of [
        [`largest fixture ${largest.name}`, largest.dir],
        [`synthetic ${models} models`, writeSyntheticDbtProject(tmp, models)],
      ] as const) {
        const m = await measureDbtIngest(helix, label, dir, `bench-${opts.quick ? 'quick' : 'full'}`);
        opts.log(JSON.stringify(m));
        rows.push(row(m));
      }
      return { rows, notes: ['items = nodes + edges written by the first ingest; re-ingest share = re-ingest time / first ingest time'] };
    } finally {
      rmSync(tmp, { recursive: true, force: true });
      await helix.close();
    }
  },
};

function row(m: DbtIngestMeasurement): Record<string, string | number | null> {
  return {
    input: m.bench,
    items: m.nodes + m.edges,
    'first ingest s': m.firstIngestMs / 1000,
    'read s': (m.firstTimings.read ?? 0) / 1000,
    'map s': (m.firstTimings.map ?? 0) / 1000,
    'write s': (m.firstTimings.write ?? 0) / 1000,
    'items/s': m.nodesAndEdgesPerSecond,
    're-ingest s': m.reingestMs / 1000,
    're-ingest share': m.reingestShareOfFirst,
  };
}

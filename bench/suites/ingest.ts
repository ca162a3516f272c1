import path from 'node:path';
import { benchNeo4j, type BenchNeo4j } from '../harness/bench-neo4j.js';
import { flatten, runBenchScript } from '../harness/run-script.js';
import { BENCH_DIR } from '../harness/run-suite.js';
import type { Row, Suite } from '../harness/suite.js';

let neo4j: BenchNeo4j | undefined;
// Quick mode ingests the repository's small dbt fixtures instead of the largest corpus manifest.
const QUICK_CORPUS = path.join(path.dirname(BENCH_DIR), 'test', 'fixtures');

/** bench/dbt-ingest.ts as it is: the largest corpus manifest and a synthetic project, first and unchanged re-ingest. */
const suite: Suite = {
  name: 'ingest',
  description: 'dbt ingestion (bench/dbt-ingest.ts): largest corpus fixture and a synthetic project, first ingest and unchanged re-ingest',
  async run({ quick, log }) {
    neo4j ??= await benchNeo4j('bench-instance', log);
    const lines = await runBenchScript('dbt-ingest.ts', [quick ? '20' : '10000'], { NEO4J_URI: neo4j.uri, NEO4J_PASSWORD: neo4j.password, ...(quick ? { HELIX_CORPUS: QUICK_CORPUS } : {}) }, log);
    const rows: Row[] = lines.map((l) => {
      const { bench, reingestAllUnchanged, ...rest } = l;
      return { bench: String(bench), reingestAllUnchanged: String(reingestAllUnchanged), ...flatten(rest) };
    });
    return { rows };
  },
  async close() {
    await neo4j?.release();
    neo4j = undefined;
  },
};
export default suite;

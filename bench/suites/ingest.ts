import path from 'node:path';
import { benchNeo4j, type BenchNeo4j } from '../harness/bench-neo4j.js';
import { flatten, runBenchScript } from '../harness/run-script.js';
import { BENCH_DIR } from '../harness/run-suite.js';
import type { Row, Suite } from '../harness/suite.js';

let neo4j: BenchNeo4j | undefined;
let warmedUp = false;
// The uncounted warm-up before the first round: a fresh Neo4j JIT-compiles its write path during its first large
// ingest (32–73 s of compiler-thread CPU on this 2-core machine, docs/benchmarks.md), which is not the writer's cost.
const WARM_UP_MODELS = '2000';
// Quick mode ingests the repository's small dbt fixtures instead of the largest corpus manifest.
const QUICK_CORPUS = path.join(path.dirname(BENCH_DIR), 'test', 'fixtures');

/**
 * bench/dbt-ingest.ts as it is: the largest corpus manifest and a synthetic project, first and unchanged re-ingest,
 * after one uncounted warm-up run of the same script on a smaller project.
 */
const suite: Suite = {
  name: 'ingest',
  description: 'dbt ingestion (bench/dbt-ingest.ts): largest corpus fixture and a synthetic project, first ingest and unchanged re-ingest (after an uncounted warm-up)',
  async run({ quick, log }) {
    neo4j ??= await benchNeo4j('bench-instance', log);
    const env = { NEO4J_URI: neo4j.uri, NEO4J_PASSWORD: neo4j.password, ...(quick ? { HELIX_CORPUS: QUICK_CORPUS } : {}) };
    // Quick mode (CI) measures nothing, so it spends no time warming up.
    if (!warmedUp && !quick) {
      log(`warm-up, not counted: the same script with a ${WARM_UP_MODELS}-model synthetic project`);
      await runBenchScript('dbt-ingest.ts', [WARM_UP_MODELS], env, log);
      warmedUp = true;
    }
    const lines = await runBenchScript('dbt-ingest.ts', [quick ? '20' : '10000'], env, log);
    const rows: Row[] = lines.map((l) => {
      const { bench, reingestAllUnchanged, ...rest } = l;
      return { bench: String(bench), reingestAllUnchanged: String(reingestAllUnchanged), ...flatten(rest) };
    });
    const notes = quick ? [] : [`before round 1, an uncounted warm-up ran the same script with a ${WARM_UP_MODELS}-model synthetic project (JIT of the Neo4j)`];
    return { rows, notes };
  },
  async close() {
    await neo4j?.release();
    neo4j = undefined;
    warmedUp = false;
  },
};
export default suite;

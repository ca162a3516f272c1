import { benchNeo4j, type BenchNeo4j } from '../harness/bench-neo4j.js';
import { flatten, runBenchScript } from '../harness/run-script.js';
import type { Row, Suite } from '../harness/suite.js';

let neo4j: BenchNeo4j | undefined;

/**
 * bench/history-ingest.ts: a synthetic project then an edited copy (descriptions changed, models removed), so the
 * second ingestion archives and closes; lineageDiff between them; lineage(depth: 10) now and as of the first.
 */
const suite: Suite = {
  name: 'history',
  description: 'history (bench/history-ingest.ts): changed re-ingestion that keeps versions, lineageDiff, lineage(asOf) vs current lineage in ms',
  async run({ quick, log }) {
    neo4j ??= await benchNeo4j('bench-instance', log);
    const [report] = await runBenchScript('history-ingest.ts', [quick ? '50' : '2000'], { NEO4J_URI: neo4j.uri, NEO4J_PASSWORD: neo4j.password }, log);
    const { loadAverage, ...rest } = report as Record<string, unknown>;
    const rows: Row[] = [{ measure: 'history', ...flatten(rest) }];
    return { rows, notes: [`load average ${JSON.stringify(loadAverage)}`] };
  },
  async close() {
    await neo4j?.release();
    neo4j = undefined;
  },
};
export default suite;

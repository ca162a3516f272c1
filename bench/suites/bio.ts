import { benchNeo4j, type BenchNeo4j } from '../harness/bench-neo4j.js';
import { flatten, runBenchScript } from '../harness/run-script.js';
import type { Row, Suite } from '../harness/suite.js';

let neo4j: BenchNeo4j | undefined;

/** bench/bio-ingest.ts as it is: the kidney-genetics table and synthetic API records, throughput and memory. */
const suite: Suite = {
  name: 'bio',
  description: 'bio ingestion (bench/bio-ingest.ts): kidney-genetics table and synthetic gene records, rates and peak memory',
  async run({ quick, log }) {
    neo4j ??= await benchNeo4j('bench-instance', log);
    const lines = await runBenchScript(
      'bio-ingest.ts',
      [quick ? '200' : '100000'],
      { NEO4J_URI: neo4j.uri, NEO4J_PASSWORD: neo4j.password, NODE_OPTIONS: '--expose-gc' },
      log,
    );
    const rows: Row[] = lines.map((l) => {
      const { bench, ...rest } = l;
      return { bench: String(bench), ...flatten(rest) };
    });
    return { rows };
  },
  async close() {
    await neo4j?.release();
    neo4j = undefined;
  },
};
export default suite;

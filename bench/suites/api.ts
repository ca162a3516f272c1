import { benchNeo4j, type BenchNeo4j } from '../harness/bench-neo4j.js';
import { flatten, runBenchScript } from '../harness/run-script.js';
import type { Row, Suite } from '../harness/suite.js';

let neo4j: BenchNeo4j | undefined;

/** bench/lineage-api.ts --only http: cached lineage over HTTP (autocannon) and the `{ __typename }` ceiling. */
const suite: Suite = {
  name: 'api',
  description: 'HTTP throughput (bench/lineage-api.ts --only http): cached lineage with strict / 250 ms graph-version staleness, { __typename } ceiling',
  async run({ quick, log }) {
    neo4j ??= await benchNeo4j('bench-instance', log);
    const args = quick
      ? ['--capsules', '100', '--samples', '5', '--seconds', '1', '--connections', '5', '--workers', '0']
      : ['--capsules', '100000', '--samples', '300', '--seconds', '10', '--connections', '50'];
    const [report] = await runBenchScript('lineage-api.ts', [...args, '--only', 'http'], { NEO4J_URI: neo4j.uri, NODE_ENV: 'production' }, log);
    const r = report as Record<string, Record<string, Record<string, unknown>>>;
    const rows: Row[] = [];
    const { connections, seconds, cache, ...modes } = r.cachedHttp ?? {};
    for (const [mode, roots] of Object.entries(modes)) {
      for (const [root, t] of Object.entries(roots as Record<string, unknown>)) rows.push({ measure: `cached lineage ${mode} ${root}`, ...flatten(t) });
    }
    rows.push({ measure: '{ __typename }', ...flatten(r.pipelineCeilingTypename) });
    return { rows, notes: [`${String(connections)} connections, ${String(seconds)} s each, cache ${String(cache)}`] };
  },
  async close() {
    await neo4j?.release();
    neo4j = undefined;
  },
};
export default suite;

import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { HelixContext } from '../../../../src/app/context.js';
import { runSuite, suiteNames } from '../../../../bench/harness/run-suite.js';
import { openTestHelix, resetGraph } from '../../../support/graph.js';

/**
 * Every registered bench suite runs in quick mode (tiny sizes, one round) against the test Neo4j: the code of the
 * benchmarks stays exercised; timings are not asserted.
 */
describe('bench suites (quick)', () => {
  let helix: HelixContext;
  const resultsDir = mkdtempSync(path.join(os.tmpdir(), 'helix-bench-'));
  const saved = { NEO4J_URI: process.env.NEO4J_URI, REDIS_URL: process.env.REDIS_URL };

  beforeAll(async () => {
    helix = await openTestHelix();
    await resetGraph(helix);
    process.env.NEO4J_URI = inject('neo4jUri');
    process.env.REDIS_URL = inject('redisUrl');
  });
  afterAll(async () => {
    await resetGraph(helix);
    await helix.close();
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  });

  it('registers the suites of the contract', () => {
    expect(suiteNames()).toEqual(expect.arrayContaining(['api', 'bio', 'ingest', 'lineage', 'peer']));
  });

  for (const name of suiteNames()) {
    it(`runs ${name} in quick mode and writes its result file`, async () => {
      const result = await runSuite(name, { quick: true, resultsDir, log: () => {} });
      expect(result.rounds).toHaveLength(1);
      expect(result.rounds[0]!.rows.length).toBeGreaterThan(0);
      expect(result.summary.some((r) => Object.values(r).some((v) => typeof v === 'object' && v !== null))).toBe(true);
      expect(result.file).toBe(path.join(resultsDir, `${name}.quick.json`));
    }, 180_000);
  }
});

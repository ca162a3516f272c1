import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelixContext } from '../../../src/app/context.js';
import { checkQueries, recordQueryCheck, type QueryCheck } from '../../../src/db/check-queries.js';
import { openTestHelix, resetGraph } from '../../support/graph.js';

/**
 * Every cypher/ file, EXPLAINed once (the start-up check, src/db/check-queries.ts, which also returns the plan's
 * operators): none fails, and none plans a scan of all nodes or all relationships.
 *
 * Neo4j 5.26 plans some patterns, notably a relationship between bound nodes or of a dynamic type, as a scan of
 * every relationship in the database (DirectedAllRelationshipsScan) when its statistics say there are few, and under
 * an Apply that scan runs once per row: the cached plan then costs each row the whole store once the graph has grown
 * (a 2k-model first ingest timed out; headers of cypher/ingest/upsert-edges.cypher and get-edge-hashes.cypher). So
 * the plans are made on the statistics where that choice is made (the empty graph every test file starts from, the
 * plan cache cleared).
 */
const SCAN = /^(Partitioned)?(Directed|Undirected)?All(Nodes|Relationships)Scan$/;

/** Files that may plan such a scan, each with its reason (kept honest: each must still plan one). */
const ALLOWED: Record<string, string> = {
  'meta/wipe-graph-batch': 'deletes every node of the database but the schema and query-check records (tests, benches): all nodes is its scope',
  'export/count-internal-nodes': 'the nodes outside the :Node graph are those with none of its labels (an open set of bookkeeping labels): only a scan finds them; once per --internal export',
  'export/list-internal-nodes': 'as count-internal-nodes: the nodes with none of the graph labels; once per --internal export',
  'export/list-internal-property-types': 'as count-internal-nodes: the nodes with none of the graph labels; once per --internal export',
};

let helix: HelixContext;
let checks: QueryCheck[];

beforeAll(async () => {
  helix = await openTestHelix();
  await resetGraph(helix);
  // Plans cached by earlier files were made on other statistics: every query is planned afresh here.
  await helix.exec.runText('CALL db.clearQueryCaches()', {}, 'WRITE');
  checks = await checkQueries(helix.exec);
  // This is the start-up check's own pass (every file on this server, each planned): recorded as start-up records
  // it, so the test servers started later on this database (e2e) skip theirs, as a second start does in production.
  await recordQueryCheck(helix.exec, checks);
}, 600_000);
afterAll(async () => helix?.close());

describe('the queries of cypher/', () => {
  it('EXPLAIN every cypher/**/*.cypher file without error', () => {
    expect(checks.length).toBeGreaterThan(10);
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(helix.exec.registry.missing()).toEqual([]);
  });

  it('plan no scan of all nodes or all relationships (except the allowed files, each for its reason)', () => {
    const flagged = checks
      .map((c) => ({ name: c.name, scans: [...new Set((c.operators ?? []).filter((op) => SCAN.test(op)))] }))
      .filter((c) => c.scans.length > 0);
    expect(flagged.filter((c) => !(c.name in ALLOWED)).map((c) => `cypher/${c.name}.cypher plans ${c.scans.join(', ')}`)).toEqual([]);
    expect(Object.keys(ALLOWED).filter((n) => !flagged.some((c) => c.name === n)).map((n) => `cypher/${n}.cypher is allowed a scan it no longer plans`)).toEqual([]);
  });
});

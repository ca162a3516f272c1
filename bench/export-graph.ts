import neo4j, { type Driver } from 'neo4j-driver';

/** Marks the synthetic graph with its size, so that rounds and sizes reuse what is already there. */
const MARKER = 'urn:bench:export:marker';

/**
 * A synthetic lineage graph of `elements` elements: half nodes (models with string, integer, float, boolean and list
 * properties), half FLOWS_TO relationships (a chain with a property). Grown in place from a smaller size.
 */
export async function ensureExportGraph(driver: Driver, elements: number, log: (l: string) => void): Promise<void> {
  const nodes = Math.floor(elements / 2);
  const run = (q: string, p: Record<string, unknown> = {}) => driver.executeQuery(q, p, { database: 'neo4j' });
  await run('CREATE CONSTRAINT node_urn IF NOT EXISTS FOR (n:Node) REQUIRE n.urn IS UNIQUE');
  const { records } = await run('OPTIONAL MATCH (m:BenchMarker {urn: $urn}) RETURN m.nodes AS nodes', { urn: MARKER });
  const have = Number(records[0]?.get('nodes') ?? 0);
  if (have > nodes) {
    log(`export bench: wiping a larger synthetic graph (${have} nodes)`);
    const session = driver.session();
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 20000 ROWS');
    await session.close();
    return ensureExportGraph(driver, elements, log);
  }
  if (have === nodes) return;
  log(`export bench: growing the synthetic graph from ${have} to ${nodes} nodes + ${nodes} relationships ...`);
  const batch = 25_000;
  for (let from = have + 1; from <= nodes; from += batch) {
    const to = Math.min(nodes, from + batch - 1);
    await run(
      `UNWIND range($from, $to) AS i
       CREATE (:Node:Capsule:Model {urn: 'urn:bench:model:' + i, name: 'model_' + i, namespace: 'bench', ingestScope: 'dbt:bench',
         rowCount: i, score: i * 0.5, materialized: CASE i % 3 WHEN 0 THEN 'table' WHEN 1 THEN 'view' ELSE 'incremental' END,
         enabled: i % 2 = 0, tags: ['bench', 'tier' + (i % 5)], description: 'synthetic model number ' + i + ' "quoted" <&>'})`,
      { from: neo4j.int(from), to: neo4j.int(to) },
    );
  }
  // Chain i -> i+1; the last node points back to the first so that nodes == relationships (MERGE: a batch the driver
  // retries under load is not doubled).
  for (let from = Math.max(1, have); from <= nodes; from += batch) {
    const to = Math.min(nodes, from + batch - 1);
    await run(
      `UNWIND range($from, $to) AS i
       MATCH (a:Node {urn: 'urn:bench:model:' + i})
       MATCH (b:Node {urn: 'urn:bench:model:' + CASE WHEN i = $nodes THEN 1 ELSE i + 1 END})
       OPTIONAL MATCH (a)-[old:FLOWS_TO]->(:Node {urn: 'urn:bench:model:1'}) DELETE old
       MERGE (a)-[f:FLOWS_TO]->(b) SET f.weight = i % 7, f.kind = 'ref'`,
      { from: neo4j.int(from), to: neo4j.int(to), nodes: neo4j.int(nodes) },
    );
  }
  await run('MERGE (m:Node:BenchMarker {urn: $urn}) SET m.nodes = $nodes', { urn: MARKER, nodes: neo4j.int(nodes) });
}

/** Removes the synthetic graph and its marker (quick runs on a Neo4j they share with other tests). */
export async function removeExportGraph(driver: Driver): Promise<void> {
  await driver.executeQuery("MATCH (n:Node) WHERE n.urn STARTS WITH 'urn:bench:model:' OR n.urn = $urn DETACH DELETE n", { urn: MARKER }, { database: 'neo4j' });
}

// Rebuilds the read models (src/db/read-models.ts) of these capsules from the graph. Each capsule is locked first
// (SET urn = urn): an invalidation in flight (invalidate-capsule-read-models) commits before the graph is read
// here, and one that comes later waits for this transaction and then deletes what it wrote. Each nested node is
// [urn, labels, [values of $keys.<level> in order]], ordered exactly as get-capsule-trees orders them.
UNWIND $urns AS u
MATCH (n:Node {urn: u})
WHERE n:Capsule
WITH DISTINCT n ORDER BY n.urn
SET n.urn = n.urn
WITH n
WITH n, {
  tags: COLLECT { MATCH (n)-[:TAGGED_WITH]->(m:Tag) WITH m ORDER BY m.name, m.urn
                  RETURN [m.urn, labels(m), [k IN $keys.tags | m[k]]] },
  tests: COLLECT { MATCH (n)<-[:TESTS]-(m:Test) WITH m ORDER BY m.name, m.urn
                   RETURN [m.urn, labels(m), [k IN $keys.tests | m[k]]] },
  columns: COLLECT { MATCH (n)-[:HAS_COLUMN]->(c:Column) WITH c ORDER BY c.index, c.name, c.urn
                     RETURN [c.urn, labels(c), [k IN $keys.columns | c[k]],
                       COLLECT { MATCH (c)-[:TAGGED_WITH]->(m:Tag) WITH m ORDER BY m.name, m.urn
                                 RETURN [m.urn, labels(m), [k IN $keys.tags | m[k]]] },
                       COLLECT { MATCH (c)<-[:TESTS]-(m:Test) WITH m ORDER BY m.name, m.urn
                                 RETURN [m.urn, labels(m), [k IN $keys.tests | m[k]]] }] }
} AS model
MERGE (rm:CapsuleReadModel {urn: n.urn})
SET rm.json = apoc.convert.toJson(model), rm.format = $format
RETURN count(rm) AS rebuilt

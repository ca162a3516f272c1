// Deletes the read models (src/db/read-models.ts) of every capsule whose nested lists a write to these nodes can
// change, in the write's own transaction and before it (so edges the write removes still lead to their capsule; an
// edge it adds names its capsule or column side among $urns). A capsule: itself; a column: its capsules; a tag:
// the capsules tagged with it and those with a column tagged with it; a test: the capsules it tests, directly or
// through a column. Each capsule is locked (SET urn = urn, the idiom of ingest/upsert-edges) before its model is
// looked up: a rebuild holding the lock has committed its model by then, and is removed here; a rebuild that comes
// later waits for this transaction and reads the graph as it leaves it. A model at a touched urn without a capsule
// (left by a deletion outside the named writes) goes first: a capsule recreated there must not find it.
CALL () {
  UNWIND $urns AS u
  MATCH (m:CapsuleReadModel {urn: u})
  DELETE m
}
UNWIND $urns AS u
MATCH (x:Node {urn: u})
CALL (x) {
  WITH x WHERE x:Capsule
  RETURN x AS c
  UNION
  MATCH (c:Capsule)-[:HAS_COLUMN]->(x)
  RETURN c
  UNION
  MATCH (c:Capsule)-[:TAGGED_WITH]->(x)
  RETURN c
  UNION
  MATCH (c:Capsule)-[:HAS_COLUMN]->(:Column)-[:TAGGED_WITH]->(x)
  RETURN c
  UNION
  MATCH (x)-[:TESTS]->(c:Capsule)
  RETURN c
  UNION
  MATCH (x)-[:TESTS]->(:Column)<-[:HAS_COLUMN]-(c:Capsule)
  RETURN c
}
WITH DISTINCT c ORDER BY c.urn
SET c.urn = c.urn
WITH c
OPTIONAL MATCH (m:CapsuleReadModel {urn: c.urn})
DELETE m
RETURN c.urn AS urn

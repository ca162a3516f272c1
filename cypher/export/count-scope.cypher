// How many nodes and relationships an export of this scope holds (parameters as list-node-page). Each node is
// tested once; the relationships are counted from each exported node (a subquery keeps the planner from joining
// the two predicates).
MATCH (a:Node)
WHERE ($namespace IS NULL
       OR a.ingestScope = 'dbt:' + $namespace
       OR a.namespace = $namespace
       OR (a:Run AND (a.kind = $namespace OR EXISTS { (a)-[:INSTANCE_OF]->(:Job {namespace: $namespace}) }))
       OR (a:Column AND EXISTS { (:Node {namespace: $namespace})-[:HAS_COLUMN]->(a) }))
  AND ($types IS NULL OR any(l IN labels(a) WHERE l IN $types))
  AND ($internal OR NOT a:Ingestion)
CALL (a) {
  MATCH (a)-[r]->(b:Node)
  WHERE ($relTypes IS NULL OR type(r) IN $relTypes)
    AND ($namespace IS NULL
         OR b.ingestScope = 'dbt:' + $namespace
         OR b.namespace = $namespace
         OR (b:Run AND (b.kind = $namespace OR EXISTS { (b)-[:INSTANCE_OF]->(:Job {namespace: $namespace}) }))
         OR (b:Column AND EXISTS { (:Node {namespace: $namespace})-[:HAS_COLUMN]->(b) }))
    AND ($types IS NULL OR any(l IN labels(b) WHERE l IN $types))
    AND ($internal OR NOT b:Ingestion)
  RETURN count(r) AS out
}
RETURN count(a) AS nodes, sum(out) AS relationships

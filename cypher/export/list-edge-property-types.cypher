// The relationship property keys of an export and the value types seen for each (see list-node-property-types).
// The relationships are expanded from each exported node in a subquery (as count-scope does): joined in one MATCH,
// Neo4j 5.26 plans the pattern as a scan of every relationship in the database filtered on both ends when its
// statistics say there are few (test/integration/cypher/query-plans.test.ts).
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
  UNWIND keys(r) AS key
  RETURN DISTINCT key, valueType(r[key]) AS type
}
WITH DISTINCT key, type
RETURN 'edge' AS element, key, collect(type) AS types
ORDER BY key

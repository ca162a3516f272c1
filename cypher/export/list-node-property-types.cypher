// The node property keys of an export and the value types seen for each (GraphML declares its keys, typed, before
// the first node). Scope parameters as list-node-page.
MATCH (n:Node)
WHERE ($namespace IS NULL
       OR n.ingestScope = 'dbt:' + $namespace
       OR n.namespace = $namespace
       OR (n:Run AND (n.kind = $namespace OR EXISTS { (n)-[:INSTANCE_OF]->(:Job {namespace: $namespace}) }))
       OR (n:Column AND EXISTS { (:Node {namespace: $namespace})-[:HAS_COLUMN]->(n) }))
  AND ($types IS NULL OR any(l IN labels(n) WHERE l IN $types))
  AND ($internal OR NOT n:Ingestion)
UNWIND keys(n) AS key
WITH DISTINCT key, valueType(n[key]) AS type
RETURN 'node' AS element, key, collect(type) AS types
ORDER BY key

// The relationships leaving one keyset page of exported nodes (same scope parameters as list-node-page) whose other
// end is exported too, optionally of $relTypes only. A source node without any still yields one row (type null), so
// the caller can move its cursor (`from`) past it.
MATCH (a:Node)
WHERE a.urn > $after
  AND ($namespace IS NULL
       OR a.ingestScope = 'dbt:' + $namespace
       OR a.namespace = $namespace
       OR (a:Run AND (a.kind = $namespace OR EXISTS { (a)-[:INSTANCE_OF]->(:Job {namespace: $namespace}) }))
       OR (a:Column AND EXISTS { (:Node {namespace: $namespace})-[:HAS_COLUMN]->(a) }))
  AND ($types IS NULL OR any(l IN labels(a) WHERE l IN $types))
  AND ($internal OR NOT a:Ingestion)
WITH a ORDER BY a.urn ASC
LIMIT toInteger($pageSize)
OPTIONAL MATCH (a)-[r]->(b:Node)
WHERE ($relTypes IS NULL OR type(r) IN $relTypes)
  AND ($namespace IS NULL
       OR b.ingestScope = 'dbt:' + $namespace
       OR b.namespace = $namespace
       OR (b:Run AND (b.kind = $namespace OR EXISTS { (b)-[:INSTANCE_OF]->(:Job {namespace: $namespace}) }))
       OR (b:Column AND EXISTS { (:Node {namespace: $namespace})-[:HAS_COLUMN]->(b) }))
  AND ($types IS NULL OR any(l IN labels(b) WHERE l IN $types))
  AND ($internal OR NOT b:Ingestion)
RETURN a.urn AS from, type(r) AS type, b.urn AS to,
       CASE WHEN r IS NULL OR NOT $properties THEN {} ELSE properties(r) END AS props
ORDER BY from, type, to

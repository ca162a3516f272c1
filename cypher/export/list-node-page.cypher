// One keyset page of the exported nodes (urn order, read from the node_urn index): the nodes after $after that are
// in scope. Scope: $namespace (null: all; else the nodes of ingestion scope dbt:<namespace>, of that OpenLineage
// namespace, runs of that kind or of its jobs, and the columns of its datasets), $types (labels; null: any),
// $internal (Helix's Ingestion records too). $properties false returns no properties.
MATCH (n:Node)
WHERE n.urn > $after
  AND ($namespace IS NULL
       OR n.ingestScope = 'dbt:' + $namespace
       OR n.namespace = $namespace
       OR (n:Run AND (n.kind = $namespace OR EXISTS { (n)-[:INSTANCE_OF]->(:Job {namespace: $namespace}) }))
       OR (n:Column AND EXISTS { (:Node {namespace: $namespace})-[:HAS_COLUMN]->(n) }))
  AND ($types IS NULL OR any(l IN labels(n) WHERE l IN $types))
  AND ($internal OR NOT n:Ingestion)
WITH n ORDER BY n.urn ASC
LIMIT toInteger($pageSize)
RETURN n.urn AS urn, labels(n) AS labels, CASE WHEN $properties THEN properties(n) ELSE {} END AS props

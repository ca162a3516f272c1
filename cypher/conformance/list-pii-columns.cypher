// One page of tables (capsules, OpenLineage datasets) with their columns, in urn order (keyset: urn > $after),
// optionally of one namespace: what the PII detector reads. Tags are the column's own plus those added through the
// API (TAGGED_WITH); siblings of a column are the other columns of its table. facetsJson: OpenLineage datasets' facets
// (field-level tags).
MATCH (t:Node)
WHERE t.urn > $after
  AND ($namespace IS NULL OR t.namespace = $namespace)
  AND EXISTS { (t)-[:HAS_COLUMN]->(:Column) }
WITH t
ORDER BY t.urn
LIMIT toInteger($limit)
RETURN t.urn AS urn, t.name AS name, t.namespace AS namespace, t.facetsJson AS facetsJson,
  [(t)-[:HAS_COLUMN]->(c:Column) | {
    urn: c.urn, name: c.name, dataType: c.dataType, description: c.description, metaJson: c.metaJson,
    tags: coalesce(c.tags, []) + [(c)-[:TAGGED_WITH]->(g:Tag) | g.name]
  }] AS columns

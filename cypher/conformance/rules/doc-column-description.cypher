// doc.column-description: a documented column (not only inferred from SQL) of a capsule of the namespace's own package
// whose resource type is in $params.resourceTypes, with a missing, empty or whitespace-only description.
CALL () {
  OPTIONAL MATCH (i:Invocation) WHERE i.projectName IS NOT NULL AND i.namespace IS NOT NULL
  RETURN apoc.map.fromPairs(collect([i.namespace, i.projectName])) AS projects
}
MATCH (m:Capsule)-[:HAS_COLUMN]->(c:Column)
WHERE ($namespace IS NULL OR m.namespace = $namespace)
  AND ($subjects IS NULL OR c.urn IN $subjects)
  AND coalesce(m.reference, false) = false
  AND m.resourceType IN $params.resourceTypes
  AND m.packageName = coalesce(projects[m.namespace], m.namespace)
  AND coalesce(c.inferred, false) = false
  AND (c.description IS NULL OR trim(c.description) = '')
RETURN c.urn AS subject,
       'column ' + m.name + '.' + c.name + ' has no description' AS message,
       [m.urn] AS evidence

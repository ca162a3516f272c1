// doc.column-description: a documented column (not only inferred from SQL) of a capsule of the namespace's own package
// whose resource type is in $params.resourceTypes, with a missing, empty or whitespace-only description.
CALL () {
  // An Invocation is an INSTANCE_OF the Job `urn:dbt:<namespace>:job` of every namespace its artifacts were ingested under.
  MATCH (i:Invocation)-[:INSTANCE_OF]->(j:Job)
  WHERE i.projectName IS NOT NULL AND j.urn STARTS WITH 'urn:dbt:' AND j.urn ENDS WITH ':job'
  RETURN apoc.map.fromPairs(collect([substring(j.urn, 8, size(j.urn) - 12), i.projectName])) AS projects
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

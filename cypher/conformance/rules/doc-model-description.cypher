// doc.model-description: an enabled dbt Model of the namespace's own package (package = the dbt project name its
// manifest Invocation records, else the namespace) whose description is missing, empty or only whitespace.
CALL () {
  // An Invocation is an INSTANCE_OF the Job `urn:dbt:<namespace>:job` of every namespace its artifacts were ingested under.
  MATCH (i:Invocation)-[:INSTANCE_OF]->(j:Job)
  WHERE i.projectName IS NOT NULL AND j.urn STARTS WITH 'urn:dbt:' AND j.urn ENDS WITH ':job'
  RETURN apoc.map.fromPairs(collect([substring(j.urn, 8, size(j.urn) - 12), i.projectName])) AS projects
}
MATCH (m:Model)
WHERE ($namespace IS NULL OR m.namespace = $namespace)
  AND ($subjects IS NULL OR m.urn IN $subjects)
  AND coalesce(m.reference, false) = false
  AND m.packageName = coalesce(projects[m.namespace], m.namespace)
  AND (m.description IS NULL OR trim(m.description) = '')
RETURN m.urn AS subject,
       'model ' + m.name + ' has no description' AS message,
       [m.uniqueId] AS evidence

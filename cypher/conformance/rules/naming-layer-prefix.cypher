// naming.layer-prefix: a model of the namespace's own package whose layer has prefixes in $params.prefixes and whose
// lower-cased name starts with none of them.
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
  AND m.layer IS NOT NULL
WITH m, $params.prefixes[m.layer] AS prefixes
WHERE prefixes IS NOT NULL AND size(prefixes) > 0 AND NOT any(p IN prefixes WHERE toLower(m.name) STARTS WITH toLower(p))
RETURN m.urn AS subject,
       'model ' + m.name + ' (layer ' + m.layer + ') does not start with ' + apoc.text.join(prefixes, ' or ') AS message,
       [m.layer] + prefixes AS evidence

// lineage.orphan-model: a model of the namespace's own package that nothing reads: no downstream capsule (model,
// exposure, metric, semantic model, ...) and not tagged with one of $params.exemptTags.
CALL () {
  // An Invocation is an INSTANCE_OF the Job `urn:dbt:<namespace>:job` of every namespace its artifacts were ingested under.
  MATCH (i:Invocation)-[:INSTANCE_OF]->(j:Job)
  WHERE i.projectName IS NOT NULL AND j.urn STARTS WITH 'urn:dbt:' AND j.urn ENDS WITH ':job'
  RETURN apoc.map.fromPairs(collect([substring(j.urn, 8, size(j.urn) - 12), i.projectName])) AS projects
}
// The label scan is asked for: on the statistics of an empty graph the planner scanned every node for m
// (test/integration/cypher/query-plans.test.ts), a plan that stays cached while the graph grows.
MATCH (m:Model)
USING SCAN m:Model
WHERE ($namespace IS NULL OR m.namespace = $namespace)
  AND ($subjects IS NULL OR m.urn IN $subjects)
  AND coalesce(m.reference, false) = false
  AND m.packageName = coalesce(projects[m.namespace], m.namespace)
  AND NOT EXISTS { (m)-[:FLOWS_TO]->(:Capsule) }
  AND NOT any(t IN coalesce(m.tags, []) WHERE t IN $params.exemptTags)
RETURN m.urn AS subject,
       'model ' + m.name + ' has no downstream model and no exposure' AS message,
       [] AS evidence

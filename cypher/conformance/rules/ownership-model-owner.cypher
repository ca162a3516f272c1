// ownership.model-owner: a model of the namespace's own package with no owner: no OWNED_BY edge, no owner property,
// and no group that names an owner.
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
  AND m.owner IS NULL
  AND NOT EXISTS { (m)-[:OWNED_BY]->(:Owner) }
  AND NOT EXISTS { MATCH (m)-[:IN_GROUP]->(g) WHERE g.ownerName IS NOT NULL OR g.ownerEmail IS NOT NULL }
RETURN m.urn AS subject,
       'model ' + m.name + ' has no owner (meta.owner, a group owner, or an owner set through the API)' AS message,
       [] AS evidence

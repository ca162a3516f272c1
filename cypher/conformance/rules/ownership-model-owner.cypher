// ownership.model-owner: a model of the namespace's own package with no owner: no OWNED_BY edge, no owner property,
// and no group that names an owner.
CALL () {
  OPTIONAL MATCH (i:Invocation) WHERE i.projectName IS NOT NULL AND i.namespace IS NOT NULL
  RETURN apoc.map.fromPairs(collect([i.namespace, i.projectName])) AS projects
}
MATCH (m:Model)
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

// lineage.orphan-model: a model of the namespace's own package that nothing reads: no downstream capsule (model,
// exposure, metric, semantic model, ...) and not tagged with one of $params.exemptTags.
CALL () {
  OPTIONAL MATCH (i:Invocation) WHERE i.projectName IS NOT NULL AND i.namespace IS NOT NULL
  RETURN apoc.map.fromPairs(collect([i.namespace, i.projectName])) AS projects
}
MATCH (m:Model)
WHERE ($namespace IS NULL OR m.namespace = $namespace)
  AND ($subjects IS NULL OR m.urn IN $subjects)
  AND coalesce(m.reference, false) = false
  AND m.packageName = coalesce(projects[m.namespace], m.namespace)
  AND NOT EXISTS { (m)-[:FLOWS_TO]->(:Capsule) }
  AND NOT any(t IN coalesce(m.tags, []) WHERE t IN $params.exemptTags)
RETURN m.urn AS subject,
       'model ' + m.name + ' has no downstream model and no exposure' AS message,
       [] AS evidence

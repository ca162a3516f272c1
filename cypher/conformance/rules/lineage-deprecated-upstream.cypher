// lineage.deprecated-upstream: a capsule that reads (FLOWS_TO) a model whose deprecation_date has passed.
MATCH (m:Capsule)
WHERE ($namespace IS NULL OR m.namespace = $namespace)
  AND ($subjects IS NULL OR m.urn IN $subjects)
  AND coalesce(m.reference, false) = false
CALL (m) {
  MATCH (u:Model)-[:FLOWS_TO]->(m)
  WHERE u.deprecationDate IS NOT NULL AND date(substring(u.deprecationDate, 0, 10)) < date()
  RETURN collect(u.urn) AS upstream, collect(u.name + ' (deprecated ' + substring(u.deprecationDate, 0, 10) + ')') AS names
}
WITH m, upstream, names WHERE size(upstream) > 0
RETURN m.urn AS subject,
       m.resourceType + ' ' + m.name + ' reads deprecated ' + apoc.text.join(apoc.coll.sort(names), ', ') AS message,
       apoc.coll.sort(upstream) AS evidence

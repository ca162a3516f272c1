// architecture.public-exposure: an exposure that depends on a model whose access is set and is not `public`
// (manifests from before dbt 1.5 have no access: their models are exempt).
MATCH (e:Exposure)
WHERE ($namespace IS NULL OR e.namespace = $namespace)
  AND ($subjects IS NULL OR e.urn IN $subjects)
  AND coalesce(e.reference, false) = false
CALL (e) {
  MATCH (u:Model)-[:FLOWS_TO]->(e)
  WHERE u.access IS NOT NULL AND u.access <> 'public'
  RETURN collect(u.urn) AS upstream, collect(u.name + ' (' + u.access + ')') AS names
}
WITH e, upstream, names WHERE size(upstream) > 0
RETURN e.urn AS subject,
       'exposure ' + e.name + ' depends on non-public ' + apoc.text.join(apoc.coll.sort(names), ', ') AS message,
       apoc.coll.sort(upstream) AS evidence

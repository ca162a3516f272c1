// lineage.layer-order: a model reads (FLOWS_TO) a model of a later layer ($params.rank: layer -> rank), or a model of
// a layer in $params.noDirectSources reads a source directly.
MATCH (m:Model)
WHERE ($namespace IS NULL OR m.namespace = $namespace)
  AND ($subjects IS NULL OR m.urn IN $subjects)
  AND coalesce(m.reference, false) = false
  AND m.layer IS NOT NULL
WITH m, $params.rank[m.layer] AS rank
OPTIONAL CALL (m, rank) {
  MATCH (u:Capsule)-[:FLOWS_TO]->(m)
  WHERE (u:Model AND rank IS NOT NULL AND u.layer IS NOT NULL AND $params.rank[u.layer] > rank)
     OR (u:Source AND m.layer IN $params.noDirectSources)
  RETURN collect(CASE WHEN u:Source THEN 'source ' ELSE u.layer + ' ' END + u.name) AS names,
         collect(u.urn) AS upstream
}
WITH m, names, upstream WHERE size(upstream) > 0
RETURN m.urn AS subject,
       'model ' + m.name + ' (layer ' + m.layer + ') reads ' + apoc.text.join(apoc.coll.sort(names), ', ') AS message,
       apoc.coll.sort(upstream) AS evidence

// One page of capsules in urn order (keyset: urn > $after), every filter optional (null = any). $urns restricts to
// the candidates of a full-text filter. count-capsules carries the same WHERE clause.
MATCH (n:Capsule)
WHERE n.urn > $after
  AND ($urns IS NULL OR n.urn IN $urns)
  AND ($namespace IS NULL OR n.namespace = $namespace)
  AND ($type IS NULL OR $type IN labels(n))
  AND ($package IS NULL OR n.packageName = $package)
  AND ($layer IS NULL OR n.layer = $layer)
  AND ($materialization IS NULL OR n.materialization = $materialization)
  AND ($domain IS NULL OR EXISTS { (n)-[:IN_DOMAIN]->(:Node {urn: $domain}) })
  AND ($tag IS NULL OR EXISTS { (n)-[:TAGGED_WITH]->(:Node {urn: $tag}) })
  AND ($owner IS NULL OR EXISTS { (n)-[:OWNED_BY]->(:Node {urn: $owner}) })
  AND ($hasTests IS NULL OR CASE WHEN EXISTS { (:Test)-[:TESTS]->(n) } OR EXISTS { (n)-[:HAS_COLUMN]->(:Column)<-[:TESTS]-(:Test) } THEN $hasTests ELSE NOT $hasTests END)
RETURN n.urn AS urn, labels(n) AS labels, properties(n) AS props
ORDER BY n.urn
LIMIT toInteger($first)

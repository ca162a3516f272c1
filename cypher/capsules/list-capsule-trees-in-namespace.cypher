// One page of a namespace's capsules (the namespace index, then urn order: keyset urn > $after), every other
// filter of list-capsules optional, each with the nested fields a GraphQL selection asked for: the whole nested
// answer in one round trip. Same filters as list-capsules.cypher, same projection as get-capsule-trees.cypher.
// (read models included: see there).
// hasTests as a CASE: written `$hasTests = (EXISTS ... OR EXISTS ...)` the planner evaluated both EXISTS for every
// candidate even when $hasTests is null (half the db hits of a page of 10).
MATCH (n:Capsule)
USING INDEX n:Capsule(namespace)
WHERE n.namespace = $namespace
  AND n.urn > $after
  AND ($urns IS NULL OR n.urn IN $urns)
  AND ($type IS NULL OR $type IN labels(n))
  AND ($package IS NULL OR n.packageName = $package)
  AND ($layer IS NULL OR n.layer = $layer)
  AND ($materialization IS NULL OR n.materialization = $materialization)
  AND ($domain IS NULL OR EXISTS { (n)-[:IN_DOMAIN]->(:Node {urn: $domain}) })
  AND ($tag IS NULL OR EXISTS { (n)-[:TAGGED_WITH]->(:Node {urn: $tag}) })
  AND ($owner IS NULL OR EXISTS { (n)-[:OWNED_BY]->(:Node {urn: $owner}) })
  AND ($hasTests IS NULL OR CASE WHEN EXISTS { (:Test)-[:TESTS]->(n) } OR EXISTS { (n)-[:HAS_COLUMN]->(:Column)<-[:TESTS]-(:Test) } THEN $hasTests ELSE NOT $hasTests END)
WITH n ORDER BY n.urn LIMIT toInteger($first)
OPTIONAL MATCH (rm:CapsuleReadModel {urn: n.urn}) WHERE $useModel AND rm.format = $format
RETURN n.urn AS urn, labels(n) AS labels, rm.json AS model,
  CASE WHEN $keys.node IS NULL THEN properties(n) ELSE [k IN $keys.node | n[k]] END AS props,
  COLLECT { MATCH (n)-[:TAGGED_WITH]->(m:Tag) WHERE $tags AND rm IS NULL WITH m ORDER BY m.name, m.urn
            RETURN [m.urn, labels(m), CASE WHEN $keys.tags IS NULL THEN properties(m) ELSE [k IN $keys.tags | m[k]] END] } AS tags,
  COLLECT { MATCH (n)<-[:TESTS]-(m:Test) WHERE $tests AND rm IS NULL WITH m ORDER BY m.name, m.urn
            RETURN [m.urn, labels(m), CASE WHEN $keys.tests IS NULL THEN properties(m) ELSE [k IN $keys.tests | m[k]] END] } AS tests,
  COLLECT { MATCH (n)-[:OWNED_BY]->(m:Owner) WHERE $owners WITH m ORDER BY m.name, m.urn
            RETURN [m.urn, labels(m), CASE WHEN $keys.owners IS NULL THEN properties(m) ELSE [k IN $keys.owners | m[k]] END] } AS owners,
  COLLECT { MATCH (n)-[:HAS_COLUMN]->(c:Column) WHERE $columns AND rm IS NULL WITH c ORDER BY c.index, c.name, c.urn
            RETURN [c.urn, labels(c), CASE WHEN $keys.columns IS NULL THEN properties(c) ELSE [k IN $keys.columns | c[k]] END,
              COLLECT { MATCH (c)-[:TAGGED_WITH]->(m:Tag) WHERE $columnTags WITH m ORDER BY m.name, m.urn
                              RETURN [m.urn, labels(m), CASE WHEN $keys.columnTags IS NULL THEN properties(m) ELSE [k IN $keys.columnTags | m[k]] END] },
              COLLECT { MATCH (c)<-[:TESTS]-(m:Test) WHERE $columnTests WITH m ORDER BY m.name, m.urn
                               RETURN [m.urn, labels(m), CASE WHEN $keys.columnTests IS NULL THEN properties(m) ELSE [k IN $keys.columnTests | m[k]] END] }] } AS columns,
  COLLECT { MATCH (n)<-[:FLOWS_TO]-(u) WHERE $upstreamFirst > 0 AND u <> n WITH DISTINCT u ORDER BY u.urn
            LIMIT toInteger($upstreamFirst) + 1 RETURN [u.urn, labels(u), CASE WHEN $keys.upstream IS NULL THEN properties(u) ELSE [k IN $keys.upstream | u[k]] END] } AS upstream,
  COLLECT { MATCH (n)-[:FLOWS_TO]->(d) WHERE $downstreamFirst > 0 AND d <> n WITH DISTINCT d ORDER BY d.urn
            LIMIT toInteger($downstreamFirst) + 1 RETURN [d.urn, labels(d), CASE WHEN $keys.downstream IS NULL THEN properties(d) ELSE [k IN $keys.downstream | d[k]] END] } AS downstream
ORDER BY n.urn

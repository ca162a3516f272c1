// Capsules by urn with the nested fields a GraphQL selection asked for, in one round trip (the planned read of
// src/graphql/resolvers/capsule-plan.ts). Each flag switches one nested list on; each list is ordered exactly as its
// DataLoader query orders it (get-tags-by-node, get-tests-by-node, get-columns-by-capsule, get-neighbors at
// depth 1). Neighbours come one beyond the page size: a capsule with more than that is left to the neighbours
// loader (which picks by breadth-first order), so both ways give the same answer. list-capsule-trees-in-namespace.cypher
// carries the same projection. $keys names, per level, the properties the selection reads
// (props is then the list of their values, in that order); a null level projects properties(n). Nested nodes come
// as lists [urn, labels, props] (columns: + tags, tests), not maps: the driver decodes no keys for them.
// A capsule with a read model of the current $format (src/db/read-models.ts) takes its tags, tests and columns from
// it (`model`, one JSON string) when $useModel: those three lists are then not read from the graph.
UNWIND range(0, size($urns) - 1) AS i
MATCH (n:Node {urn: $urns[i]})
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
ORDER BY i

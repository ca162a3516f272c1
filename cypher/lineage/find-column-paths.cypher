// Column-level twin of find-table-paths: data flows against DERIVED_FROM ((down)-[:DERIVED_FROM]->(up)), so a
// downstream path from $from to $to is a DERIVED_FROM chain from $to back to $from.
MATCH (a:Column {urn: $from}), (b:Column {urn: $to})
CALL (a, b) {
  MATCH p = SHORTEST 10 (b)-[:DERIVED_FROM]->{1,50}(a)
  RETURN p, 'DOWNSTREAM' AS direction
  UNION
  MATCH p = SHORTEST 10 (a)-[:DERIVED_FROM]->{1,50}(b)
  RETURN p, 'UPSTREAM' AS direction
}
WITH p, direction WHERE length(p) <= $maxHops
RETURN direction, [n IN nodes(p) | n {.urn, .name, .namespace, .layer, .resourceType, .capsuleUrn, labels: labels(n)}] AS nodes,
       [r IN relationships(p) | {from: startNode(r).urn, to: endNode(r).urn, type: type(r), transformation: r.transformation}] AS edges
ORDER BY length(p), direction
LIMIT toInteger($k)

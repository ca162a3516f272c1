// Up to $k shortest FLOWS_TO paths from $from down to $to (or, when none, from $to down to $from) of at most
// $maxHops hops. SHORTEST takes literals only: 10 paths of up to 50 hops are searched (the API's maxima) and the
// caller's bounds applied to that ordered result, which equals searching with them.
MATCH (a:Node {urn: $from}), (b:Node {urn: $to})
CALL (a, b) {
  MATCH p = SHORTEST 10 (a)-[:FLOWS_TO]->{1,50}(b)
  RETURN p, 'DOWNSTREAM' AS direction
  UNION
  MATCH p = SHORTEST 10 (b)-[:FLOWS_TO]->{1,50}(a)
  RETURN p, 'UPSTREAM' AS direction
}
WITH p, direction WHERE length(p) <= $maxHops
RETURN direction, [n IN nodes(p) | n {.urn, .name, .namespace, .layer, .resourceType, .capsuleUrn, labels: labels(n)}] AS nodes,
       [r IN relationships(p) | {from: startNode(r).urn, to: endNode(r).urn, type: type(r), transformation: r.transformation}] AS edges
ORDER BY length(p), direction
LIMIT toInteger($k)

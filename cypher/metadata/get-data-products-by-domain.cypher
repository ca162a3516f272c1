// The first $first data products of each domain, in urn order.
UNWIND $urns AS key
CALL (key) {
  OPTIONAL MATCH (m:DataProduct)-[:IN_DOMAIN]->(:Node {urn: key})
  WITH m ORDER BY m.urn
  LIMIT toInteger($first)
  RETURN collect(m) AS found
}
RETURN key, [x IN found | {urn: x.urn, labels: labels(x), props: properties(x)}] AS nodes

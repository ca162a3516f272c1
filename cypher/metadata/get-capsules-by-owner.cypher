// The first $first capsules each owner owns, in urn order.
UNWIND $urns AS key
CALL (key) {
  OPTIONAL MATCH (m:Capsule)-[:OWNED_BY]->(:Node {urn: key})
  WITH m ORDER BY m.urn
  LIMIT toInteger($first)
  RETURN collect(m) AS found
}
RETURN key, [x IN found | {urn: x.urn, labels: labels(x), props: properties(x)}] AS nodes

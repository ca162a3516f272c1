// Nodes by urn with only the properties a GraphQL selection reads ($keys, in that order; the node loader's
// get-nodes-by-urn reads them all): capsule(urn) { urn name layer } reads 4 properties instead of every one.
UNWIND $urns AS urn
MATCH (n:Node {urn: urn})
RETURN urn, labels(n) AS labels, [k IN $keys | n[k]] AS props

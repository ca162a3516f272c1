UNWIND $urns AS urn
MATCH (n:Node {urn: urn})
RETURN urn, labels(n) AS labels, properties(n) AS props

// One page of an export over a known node set (lineage, provenance): the nodes $urns, in urn order.
UNWIND $urns AS u
MATCH (n:Node {urn: u})
RETURN n.urn AS urn, labels(n) AS labels, CASE WHEN $properties THEN properties(n) ELSE {} END AS props
ORDER BY urn

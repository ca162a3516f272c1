UNWIND $urns AS urn
MATCH (n:Node {urn: urn})
RETURN n.urn AS urn, n.contentHash AS hash, n.ingestScope AS scope

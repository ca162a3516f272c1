UNWIND $urns AS urn
MATCH (r:Run {urn: urn})
RETURN urn, properties(r) AS props

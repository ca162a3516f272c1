// Mutations affecting each protein or sequence (AFFECTS), by position.
UNWIND $urns AS key
MATCH (m:Mutation)-[:AFFECTS]->(:Node {urn: key})
WITH key, m ORDER BY m.position, m.urn
RETURN key, collect({urn: m.urn, labels: labels(m), props: properties(m)}) AS nodes

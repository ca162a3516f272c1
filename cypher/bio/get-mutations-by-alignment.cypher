// Mutations each alignment reveals (REVEALS), by position.
UNWIND $urns AS key
MATCH (:Alignment {urn: key})-[r:REVEALS]->(m:Mutation)
WITH key, m, r ORDER BY m.position, m.urn
RETURN key, collect({urn: m.urn, labels: labels(m), props: properties(m), rel: properties(r)}) AS nodes

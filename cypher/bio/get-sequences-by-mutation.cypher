// The protein or sequence each mutation affects (AFFECTS).
UNWIND $urns AS key
MATCH (:Mutation {urn: key})-[:AFFECTS]->(s:Node)
RETURN key, collect({urn: s.urn, labels: labels(s), props: properties(s)}) AS nodes

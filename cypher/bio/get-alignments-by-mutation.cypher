// Alignments that reveal each mutation (REVEALS), with what the edge records (pipeline, significance...).
UNWIND $urns AS key
MATCH (a:Alignment)-[r:REVEALS]->(:Mutation {urn: key})
WITH key, a, r ORDER BY a.urn
RETURN key, collect({urn: a.urn, labels: labels(a), props: properties(a), rel: properties(r)}) AS nodes

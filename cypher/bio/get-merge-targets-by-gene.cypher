// Genes each withdrawn or merged gene was merged into (MERGED_INTO).
UNWIND $urns AS key
MATCH (:Gene {urn: key})-[:MERGED_INTO]->(t:Gene)
WITH key, t ORDER BY t.urn
RETURN key, collect({urn: t.urn, labels: labels(t), props: properties(t)}) AS nodes

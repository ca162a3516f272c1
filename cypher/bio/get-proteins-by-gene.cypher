// Proteins each gene encodes (ENCODES), by accession.
UNWIND $urns AS key
MATCH (:Gene {urn: key})-[:ENCODES]->(p:Protein)
WITH key, p ORDER BY p.urn
RETURN key, collect({urn: p.urn, labels: labels(p), props: properties(p)}) AS nodes

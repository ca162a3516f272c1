// Genes encoding each protein; an isoform answers with the genes of its canonical entry too.
UNWIND $urns AS key
MATCH (p:Protein {urn: key})
OPTIONAL MATCH (p)-[:ISOFORM_OF]->(c:Protein)
WITH key, p, collect(c) AS canonicals
UNWIND [p] + canonicals AS x
MATCH (g:Gene)-[:ENCODES]->(x)
WITH DISTINCT key, g ORDER BY g.urn
RETURN key, collect({urn: g.urn, labels: labels(g), props: properties(g)}) AS nodes

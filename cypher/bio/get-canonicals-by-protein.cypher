// The canonical entry of each isoform (ISOFORM_OF).
UNWIND $urns AS key
MATCH (:Protein {urn: key})-[:ISOFORM_OF]->(c:Protein)
RETURN key, collect({urn: c.urn, labels: labels(c), props: properties(c)}) AS nodes

// Isoforms (ACC-n) of each canonical protein, by accession.
UNWIND $urns AS key
MATCH (i:Protein)-[:ISOFORM_OF]->(:Protein {urn: key})
WITH key, i ORDER BY i.urn
RETURN key, collect({urn: i.urn, labels: labels(i), props: properties(i)}) AS nodes

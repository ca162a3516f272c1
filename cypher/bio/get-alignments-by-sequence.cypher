// Alignments each protein or sequence takes part in, with its role(s): QUERY and/or REFERENCE.
UNWIND $urns AS key
MATCH (:Node {urn: key})<-[r:QUERY|REFERENCE]-(a:Alignment)
WITH key, a, collect(DISTINCT type(r)) AS roles
ORDER BY a.sourceFile, a.alignmentIndex, a.urn
RETURN key, collect({urn: a.urn, labels: labels(a), props: properties(a), roles: roles}) AS nodes

// What each annotation points at: its source release (FROM_SOURCE), cited publications (CITES), panels (FROM_PANEL).
UNWIND $urns AS key
MATCH (:Annotation {urn: key})-[r:FROM_SOURCE|CITES|FROM_PANEL]->(n:Node)
WITH key, n, r ORDER BY type(r), n.urn
RETURN key, collect({urn: n.urn, labels: labels(n), props: properties(n), role: type(r)}) AS nodes

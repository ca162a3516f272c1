// The capsule each column belongs to.
UNWIND $urns AS key
OPTIONAL MATCH (m:Capsule)-[:HAS_COLUMN]->(:Node {urn: key})
WITH key, m ORDER BY m.urn
RETURN key, [x IN collect(m) | {urn: x.urn, labels: labels(x), props: properties(x)}] AS nodes

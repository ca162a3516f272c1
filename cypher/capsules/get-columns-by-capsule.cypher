// Columns of each capsule, in warehouse order (index), then by name.
UNWIND $urns AS key
OPTIONAL MATCH (:Node {urn: key})-[:HAS_COLUMN]->(m:Column)
WITH key, m ORDER BY m.index, m.name, m.urn
RETURN key, [x IN collect(m) | {urn: x.urn, labels: labels(x), props: properties(x)}] AS nodes

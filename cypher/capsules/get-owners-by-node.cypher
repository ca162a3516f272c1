// Owners of each capsule, group or data product.
UNWIND $urns AS key
OPTIONAL MATCH (:Node {urn: key})-[:OWNED_BY]->(m:Owner)
WITH key, m ORDER BY m.name, m.urn
RETURN key, [x IN collect(m) | {urn: x.urn, labels: labels(x), props: properties(x)}] AS nodes

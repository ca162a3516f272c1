// Data products each capsule is part of.
UNWIND $urns AS key
OPTIONAL MATCH (:Node {urn: key})-[:PART_OF]->(m:DataProduct)
WITH key, m ORDER BY m.name, m.urn
RETURN key, [x IN collect(m) | {urn: x.urn, labels: labels(x), props: properties(x)}] AS nodes

// Tags of each capsule or column.
UNWIND $urns AS key
OPTIONAL MATCH (:Node {urn: key})-[:TAGGED_WITH]->(m:Tag)
WITH key, m ORDER BY m.name, m.urn
RETURN key, [x IN collect(m) | {urn: x.urn, labels: labels(x), props: properties(x)}] AS nodes

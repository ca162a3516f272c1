// The test or capsule each result is a result of.
UNWIND $urns AS key
OPTIONAL MATCH (:Node {urn: key})-[:RESULT_OF]->(m:Node)
WITH key, m ORDER BY m.urn
RETURN key, [x IN collect(m) | {urn: x.urn, labels: labels(x), props: properties(x)}] AS nodes

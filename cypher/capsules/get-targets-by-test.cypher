// What each test tests: its capsule and, for column tests, the column.
UNWIND $urns AS key
OPTIONAL MATCH (:Node {urn: key})-[:TESTS]->(m:Node)
WITH key, m ORDER BY m.urn
RETURN key, [x IN collect(m) | {urn: x.urn, labels: labels(x), props: properties(x)}] AS nodes

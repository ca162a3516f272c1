// Tests of each capsule or column (TESTS edges into it).
UNWIND $urns AS key
OPTIONAL MATCH (:Node {urn: key})<-[:TESTS]-(m:Test)
WITH key, m ORDER BY m.name, m.urn
RETURN key, [x IN collect(m) | {urn: x.urn, labels: labels(x), props: properties(x)}] AS nodes

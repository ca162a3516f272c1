// The invocation (dbt run) each test or run result belongs to.
UNWIND $urns AS key
OPTIONAL MATCH (:Node {urn: key})-[:IN_INVOCATION]->(m:Node)
WITH key, m ORDER BY m.urn
RETURN key, [x IN collect(m) | {urn: x.urn, labels: labels(x), props: properties(x)}] AS nodes

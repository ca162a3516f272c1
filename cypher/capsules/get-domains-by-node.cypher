// Domain of each capsule or data product (normally one).
UNWIND $urns AS key
OPTIONAL MATCH (:Node {urn: key})-[:IN_DOMAIN]->(m:Domain)
WITH key, m ORDER BY m.name, m.urn
RETURN key, [x IN collect(m) | {urn: x.urn, labels: labels(x), props: properties(x)}] AS nodes

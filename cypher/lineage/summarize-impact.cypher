// Facts about each affected node for the impact summary: its own tests, and the domain, data products, owners and
// namespace of its capsule (a column's capsule, or the node itself).
UNWIND $urns AS u
MATCH (n:Node {urn: u})
OPTIONAL MATCH (k:Capsule)-[:HAS_COLUMN]->(n)
WITH n, coalesce(k, n) AS subject
CALL (n) {
  OPTIONAL MATCH (t:Test)-[:TESTS]->(n)
  RETURN collect(DISTINCT t.urn) AS tests
}
CALL (subject) {
  OPTIONAL MATCH (subject)-[:IN_DOMAIN]->(d:Domain)
  RETURN collect(DISTINCT {urn: d.urn, name: d.name}) AS domains
}
CALL (subject) {
  OPTIONAL MATCH (subject)-[:PART_OF]->(p:DataProduct)
  RETURN collect(DISTINCT {urn: p.urn, name: p.name}) AS dataProducts
}
CALL (subject) {
  OPTIONAL MATCH (subject)-[:OWNED_BY]->(o:Owner)
  RETURN collect(DISTINCT {urn: o.urn, name: o.name}) AS owners
}
RETURN n.urn AS urn, subject.namespace AS namespace, tests,
       [d IN domains WHERE d.urn IS NOT NULL] AS domains,
       [p IN dataProducts WHERE p.urn IS NOT NULL] AS dataProducts,
       [o IN owners WHERE o.urn IS NOT NULL] AS owners

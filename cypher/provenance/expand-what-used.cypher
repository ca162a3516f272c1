// One breadth-first hop of WHAT_USED provenance from the frontier $urns: what was made from each node (the reverse of
// expand-how-made, edge by edge). Edges keep their stored direction (from -> to). At most $cap distinct edges.
UNWIND $urns AS key
MATCH (n:Node {urn: key})
CALL (n) {
  MATCH (n)<-[r:WAS_GENERATED_BY|USED|WAS_DERIVED_FROM|DERIVED_FROM|DEPENDS_ON|CHILD_OF|WAS_INFORMED_BY|PART_OF_RUN|INSTANCE_OF|WAS_ASSOCIATED_WITH|WAS_ATTRIBUTED_TO|ACTED_ON_BEHALF_OF|FROM_SOURCE|CITES|QUERY|REFERENCE]-(m:Node)
  RETURN m, type(r) AS type, m.urn AS from, n.urn AS to, null AS via
  UNION
  MATCH (n)-[r:FLOWS_TO|REVEALS]->(m:Node)
  RETURN m, type(r) AS type, n.urn AS from, m.urn AS to, null AS via
  UNION
  MATCH (n:Invocation)<-[:IN_INVOCATION]-(res:RunResult {status: 'success'})-[:RESULT_OF]->(m:Capsule)
  RETURN m, 'WAS_GENERATED_BY' AS type, m.urn AS from, n.urn AS to, res.urn AS via
  UNION
  MATCH (n:Capsule)-[:FLOWS_TO]->(:Capsule)<-[:RESULT_OF]-(:RunResult {status: 'success'})-[:IN_INVOCATION]->(m:Invocation)
  WHERE NOT EXISTS { (n)<-[:RESULT_OF]-(:RunResult {status: 'success'})-[:IN_INVOCATION]->(m) }
  RETURN m, 'USED' AS type, m.urn AS from, n.urn AS to, null AS via
}
WITH DISTINCT from, to, type, via, m
LIMIT toInteger($cap)
RETURN from, to, type, via,
       m {.urn, .name, .symbol, .accession, .runId, .invocationId, .path, .namespace, .kind, .status, labels: labels(m)} AS node

// One breadth-first hop of HOW_MADE provenance from the frontier $urns: what each node was made from. Edges keep
// their stored direction (from -> to). PROV: entity -WAS_GENERATED_BY-> run -USED-> entity, WAS_DERIVED_FROM,
// run -WAS_INFORMED_BY-> run, child -CHILD_OF-> parent, step run -PART_OF_RUN-> run, run -INSTANCE_OF-> plan; column
// DERIVED_FROM / DEPENDS_ON column; who: run -WAS_ASSOCIATED_WITH-> agent, entity -WAS_ATTRIBUTED_TO-> agent,
// agent -ACTED_ON_BEHALF_OF-> agent; bio: annotation -FROM_SOURCE-> source version and -CITES-> publication,
// alignment -QUERY/REFERENCE-> sequence, alignment -REVEALS-> mutation (walked backwards); dbt: upstream capsule
// -FLOWS_TO-> capsule, and a capsule WAS_GENERATED_BY the invocations that built it (via its RunResult), which USED
// the upstream capsules it did not build. At most $cap distinct edges.
UNWIND $urns AS key
MATCH (n:Node {urn: key})
CALL (n) {
  MATCH (n)-[r:WAS_GENERATED_BY|USED|WAS_DERIVED_FROM|DERIVED_FROM|DEPENDS_ON|CHILD_OF|WAS_INFORMED_BY|PART_OF_RUN|INSTANCE_OF|WAS_ASSOCIATED_WITH|WAS_ATTRIBUTED_TO|ACTED_ON_BEHALF_OF|FROM_SOURCE|CITES|QUERY|REFERENCE]->(m:Node)
  RETURN m, type(r) AS type, n.urn AS from, m.urn AS to, null AS via
  UNION
  MATCH (n)<-[r:FLOWS_TO|REVEALS]-(m:Node)
  RETURN m, type(r) AS type, m.urn AS from, n.urn AS to, null AS via
  UNION
  MATCH (n:Capsule)<-[:RESULT_OF]-(res:RunResult {status: 'success'})-[:IN_INVOCATION]->(m:Invocation)
  RETURN m, 'WAS_GENERATED_BY' AS type, n.urn AS from, m.urn AS to, res.urn AS via
  UNION
  MATCH (n:Invocation)<-[:IN_INVOCATION]-(:RunResult {status: 'success'})-[:RESULT_OF]->(:Capsule)<-[:FLOWS_TO]-(m:Capsule)
  WHERE NOT EXISTS { (m)<-[:RESULT_OF]-(:RunResult {status: 'success'})-[:IN_INVOCATION]->(n) }
  RETURN m, 'USED' AS type, n.urn AS from, m.urn AS to, null AS via
}
WITH DISTINCT from, to, type, via, m
LIMIT toInteger($cap)
RETURN from, to, type, via,
       m {.urn, .name, .symbol, .accession, .runId, .invocationId, .path, .namespace, .kind, .status, labels: labels(m)} AS node

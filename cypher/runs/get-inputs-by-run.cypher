// What each run used (USED, with the edge's role, time, facets). A dbt invocation used the capsules upstream of those
// it built successfully that it did not build itself (derived: dbt records results, not reads).
UNWIND $urns AS key
MATCH (r:Run {urn: key})
CALL (r) {
  MATCH (r)-[u:USED]->(e:Node)
  RETURN e, properties(u) AS rel
  UNION
  MATCH (r:Invocation)<-[:IN_INVOCATION]-(:RunResult {status: 'success'})-[:RESULT_OF]->(:Capsule)<-[:FLOWS_TO]-(e:Capsule)
  WHERE NOT EXISTS { (e)<-[:RESULT_OF]-(:RunResult {status: 'success'})-[:IN_INVOCATION]->(r) }
  RETURN DISTINCT e, {derived: true} AS rel
}
WITH key, e, rel ORDER BY e.urn
RETURN key, collect({urn: e.urn, labels: labels(e), props: properties(e), rel: rel}) AS nodes

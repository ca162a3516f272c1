// What each run generated (WAS_GENERATED_BY reversed, with the edge's role, time, facets). A dbt invocation generated
// the capsules it built successfully (derived from its RunResults, `via` the result).
UNWIND $urns AS key
MATCH (r:Run {urn: key})
CALL (r) {
  MATCH (r)<-[g:WAS_GENERATED_BY]-(e:Node)
  RETURN e, properties(g) AS rel
  UNION
  MATCH (r:Invocation)<-[:IN_INVOCATION]-(res:RunResult {status: 'success'})-[:RESULT_OF]->(e:Capsule)
  RETURN e, {derived: true, via: res.urn} AS rel
}
WITH key, e, rel ORDER BY e.urn
RETURN key, collect({urn: e.urn, labels: labels(e), props: properties(e), rel: rel}) AS nodes

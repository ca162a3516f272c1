// Runs around each dataset, file or entity: those that generated it (role GENERATED_BY; for a dbt capsule, the
// invocations that built it) and those that used it (USED_BY); the newest $first of each role.
UNWIND $urns AS key
MATCH (e:Node {urn: key})
CALL (e) {
  MATCH (e)-[x:WAS_GENERATED_BY]->(r:Run) RETURN r, 'GENERATED_BY' AS role, properties(x) AS rel
  UNION
  MATCH (e)<-[x:USED]-(r:Run) RETURN r, 'USED_BY' AS role, properties(x) AS rel
  UNION
  MATCH (e:Capsule)<-[:RESULT_OF]-(res:RunResult {status: 'success'})-[:IN_INVOCATION]->(r:Invocation)
  RETURN r, 'GENERATED_BY' AS role, {derived: true, via: res.urn} AS rel
}
WITH key, r, role, rel ORDER BY coalesce(r.startedAt, '') DESC, r.urn
WITH key, role, collect({urn: r.urn, labels: labels(r), props: properties(r), role: role, rel: rel})[..toInteger($first)] AS newest
RETURN key, apoc.coll.flatten(collect(newest)) AS nodes

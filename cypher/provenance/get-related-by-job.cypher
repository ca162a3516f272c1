// Around each job: its parent job (CHILD_OF, role PARENT), child jobs (CHILD), agents it is attributed to (AGENT).
UNWIND $urns AS key
MATCH (j:Job {urn: key})
CALL (j) {
  MATCH (j)-[:CHILD_OF]->(n:Job) RETURN n, 'PARENT' AS role
  UNION
  MATCH (j)<-[:CHILD_OF]-(n:Job) RETURN n, 'CHILD' AS role
  UNION
  MATCH (j)-[:WAS_ATTRIBUTED_TO]->(n:Agent) RETURN n, 'AGENT' AS role
}
WITH key, n, role ORDER BY role, n.urn
RETURN key, collect({urn: n.urn, labels: labels(n), props: properties(n), role: role}) AS nodes

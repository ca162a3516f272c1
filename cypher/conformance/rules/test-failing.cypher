// test.failing: a capsule with a test whose latest result (by completion, else start time) has a status in
// $params.statuses.
MATCH (c:Capsule)
WHERE ($namespace IS NULL OR c.namespace = $namespace)
  AND ($subjects IS NULL OR c.urn IN $subjects)
  AND coalesce(c.reference, false) = false
CALL (c) {
  MATCH (t:Test)-[:TESTS]->(c)
  CALL (t) {
    MATCH (r:TestResult)-[:RESULT_OF]->(t)
    RETURN r ORDER BY coalesce(r.completedAt, r.startedAt, '') DESC, r.invocationId DESC LIMIT 1
  }
  WITH t, r WHERE r.status IN $params.statuses
  RETURN collect(t.urn) AS tests, collect(t.name + ': ' + r.status) AS names
}
WITH c, tests, names WHERE size(tests) > 0
RETURN c.urn AS subject,
       c.resourceType + ' ' + c.name + ' has failing tests: ' + apoc.text.join(apoc.coll.sort(names), ', ') AS message,
       apoc.coll.sort(tests) AS evidence

// The latest $first results (TestResult or RunResult) of each test or capsule, newest first.
UNWIND $urns AS key
CALL (key) {
  OPTIONAL MATCH (:Node {urn: key})<-[:RESULT_OF]-(m:Node)
  WITH m ORDER BY coalesce(m.completedAt, m.startedAt, '') DESC, m.urn
  LIMIT toInteger($first)
  RETURN collect(m) AS found
}
RETURN key, [x IN found | {urn: x.urn, labels: labels(x), props: properties(x)}] AS nodes

// Violations concerning each capsule or one of its columns (Capsule.violations); $statuses null: every status.
UNWIND $urns AS key
CALL (key) {
  MATCH (v:Violation {subjectUrn: key}) RETURN v
  UNION
  MATCH (:Capsule {urn: key})-[:HAS_COLUMN]->(c:Column)
  MATCH (v:Violation {subjectUrn: c.urn}) RETURN v
}
WITH key, v WHERE $statuses IS NULL OR v.status IN $statuses
WITH key, v ORDER BY v.urn
RETURN key, collect({urn: v.urn, labels: labels(v), props: properties(v)}) AS nodes

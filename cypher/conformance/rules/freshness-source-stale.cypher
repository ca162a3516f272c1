// freshness.source-stale: a source whose latest freshness result (a result with max_loaded_at or criteria) has a
// status in $params.statuses.
MATCH (s:Source)
WHERE ($namespace IS NULL OR s.namespace = $namespace)
  AND ($subjects IS NULL OR s.urn IN $subjects)
  AND coalesce(s.reference, false) = false
CALL (s) {
  MATCH (r:RunResult)-[:RESULT_OF]->(s)
  WHERE r.maxLoadedAt IS NOT NULL OR r.criteriaJson IS NOT NULL OR r.snapshottedAt IS NOT NULL
  RETURN r ORDER BY coalesce(r.completedAt, r.snapshottedAt, r.startedAt, '') DESC, r.invocationId DESC LIMIT 1
}
WITH s, r WHERE r.status IN $params.statuses
RETURN s.urn AS subject,
       'source ' + coalesce(s.sourceName + '.', '') + s.name + ' freshness ' + r.status +
         coalesce(' (max loaded at ' + r.maxLoadedAt + ')', '') AS message,
       [r.urn] AS evidence

// The latest completed ingestion of exactly these input artifacts (same bytes, paths, options and ingester code).
MATCH (i:Ingestion {inputDigest: $inputDigest})
WHERE i.status = 'completed'
RETURN i.id AS id, i.scope AS scope, i.namespace AS namespace, i.reportJson AS reportJson, i.scopeDigestsJson AS scopeDigestsJson
ORDER BY i.finishedAt DESC
LIMIT 1

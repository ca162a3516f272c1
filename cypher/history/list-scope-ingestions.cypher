// The finished ingestions of a scope, newest first: what lineageDiff's `latest` and `previous` name.
MATCH (i:Ingestion {scope: $scope})
WHERE i.status = 'completed' AND i.finishedAt IS NOT NULL
RETURN i.id AS id, i.finishedAt AS finishedAt
ORDER BY i.finishedAt DESC
LIMIT toInteger($limit)

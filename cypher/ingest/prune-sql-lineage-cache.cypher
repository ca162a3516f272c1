MATCH (c:SqlLineageCache {scope: $scope})
WHERE NOT c.key IN $keep
DELETE c
RETURN count(*) AS deleted

UNWIND $rows AS row
MERGE (c:SqlLineageCache {key: row.key})
SET c.scope = $scope, c.resultJson = row.resultJson
RETURN count(c) AS written

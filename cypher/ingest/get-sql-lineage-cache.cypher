// Column lineage derived from compiled SQL, memoised per scope by a hash of everything the derivation reads.
MATCH (c:SqlLineageCache {scope: $scope})
RETURN c.key AS key, c.resultJson AS resultJson

// Rows whose endpoints are missing are not written; their indexes come back in `missing`.
UNWIND $rows AS row
OPTIONAL MATCH (a:Node {urn: row.from})
OPTIONAL MATCH (b:Node {urn: row.to})
WITH row, a, b
CALL (row, a, b) {
  WITH row, a, b WHERE a IS NOT NULL AND b IS NOT NULL
  MERGE (a)-[r:$(row.type)]->(b)
  SET r = row.props, r.contentHash = row.hash, r.ingestScope = $scope
  RETURN count(r) AS n
}
RETURN sum(n) AS written, [x IN collect(CASE WHEN a IS NULL OR b IS NULL THEN row.i END) WHERE x IS NOT NULL] AS missing

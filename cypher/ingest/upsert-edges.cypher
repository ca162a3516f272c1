// Rows whose endpoints are missing are not written; their indexes come back in `missing`. firstSeenAt (kept) and
// writtenAt (this content) date the relationship for the graph as it was (asOf, docs/graph-model.md).
UNWIND $rows AS row
OPTIONAL MATCH (a:Node {urn: row.from})
OPTIONAL MATCH (b:Node {urn: row.to})
WITH row, a, b
CALL (row, a, b) {
  WITH row, a, b WHERE a IS NOT NULL AND b IS NOT NULL
  MERGE (a)-[r:$(row.type)]->(b)
  WITH row, r, r.firstSeenAt AS firstSeen
  SET r = row.props, r.contentHash = row.hash, r.ingestScope = $scope,
      r.firstSeenAt = coalesce(firstSeen, datetime()), r.writtenAt = datetime()
  RETURN count(r) AS n
}
RETURN sum(n) AS written, [x IN collect(CASE WHEN a IS NULL OR b IS NULL THEN row.i END) WHERE x IS NOT NULL] AS missing

// Rows whose endpoints are missing are not written; their indexes come back in `missing`. firstSeenAt (kept) and
// writtenAt (this content) date the relationship for the graph as it was (asOf, docs/graph-model.md).
// Not MERGE: with a dynamic type, Neo4j 5.26 plans MERGE's lookup as a scan of every relationship in the database
// when its statistics say there are few (a fresh or just-emptied database), and the cached plan then costs each row
// the whole relationship store (a 2k-model first ingest timed out). A one-step variable-length pattern between the
// two bound nodes is always planned as VarLengthExpand(Into). MERGE's guarantee is kept by hand: both endpoints are
// write-locked first (a SET to the value they have), so a concurrent writer of the same edge waits for this
// transaction to end and then finds the relationship instead of creating a second one.
UNWIND $rows AS row
OPTIONAL MATCH (a:Node {urn: row.from})
OPTIONAL MATCH (b:Node {urn: row.to})
WITH row, a, b
CALL (row, a, b) {
  WITH row, a, b WHERE a IS NOT NULL AND b IS NOT NULL
  SET a.urn = a.urn, b.urn = b.urn
  WITH row, a, b
  OPTIONAL MATCH (a)-[same*1..1]->(b) WHERE type(same[0]) = row.type
  CALL (row, a, b, same) {
    WITH row, a, b, same WHERE same IS NULL
    CREATE (a)-[r:$(row.type)]->(b)
    RETURN r
    UNION ALL
    WITH same WHERE same IS NOT NULL
    RETURN same[0] AS r
  }
  WITH row, r, r.firstSeenAt AS firstSeen
  SET r = row.props, r.contentHash = row.hash, r.ingestScope = $scope,
      r.firstSeenAt = coalesce(firstSeen, datetime()), r.writtenAt = datetime()
  RETURN count(r) AS n
}
RETURN sum(n) AS written, [x IN collect(CASE WHEN a IS NULL OR b IS NULL THEN row.i END) WHERE x IS NOT NULL] AS missing

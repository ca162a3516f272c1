// Both endpoints are bound before the relationship is matched, so it is found by (VarLength)Expand(Into), which walks
// the side with fewer relationships (a source node with 100k annotations is never scanned). The one-step
// variable-length pattern is on purpose: `(a)-[r]->(b) WHERE type(r) = row.type` is planned as a scan of all
// relationships when the statistics say there are few (see upsert-edges).
UNWIND $rows AS row
MATCH (a:Node {urn: row.from})
MATCH (b:Node {urn: row.to})
CALL (row, a, b) {
  MATCH (a)-[rs*1..1]->(b)
  WHERE type(rs[0]) = row.type
  RETURN rs[0] AS r
}
RETURN row.i AS i, r.contentHash AS hash, properties(r) AS props

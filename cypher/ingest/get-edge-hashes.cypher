// Both endpoints are bound before the relationship is matched, so it is found by Expand(Into), which walks the side
// with fewer relationships (a source node with 100k annotations is never scanned).
UNWIND $rows AS row
MATCH (a:Node {urn: row.from})
MATCH (b:Node {urn: row.to})
CALL (row, a, b) {
  MATCH (a)-[r]->(b)
  WHERE type(r) = row.type
  RETURN r
}
RETURN row.i AS i, r.contentHash AS hash, properties(r) AS props

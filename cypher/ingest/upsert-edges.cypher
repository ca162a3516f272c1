// Rows whose endpoints are missing match nothing and are not written; `written` lists the indexes of the others.
// Plain MATCHes bind both endpoints (twice as fast as OPTIONAL MATCHes); the MERGE runs in a subquery so that it
// is planned with both endpoints bound (Expand(Into)), never as a scan of all relationships.
UNWIND $rows AS row
MATCH (a:Node {urn: row.from})
MATCH (b:Node {urn: row.to})
CALL (row, a, b) {
  MERGE (a)-[r:$(row.type)]->(b)
  SET r = row.props, r.contentHash = row.hash, r.ingestScope = $scope
}
RETURN collect(row.i) AS written

// Rows whose endpoints are missing match nothing and are not written; `written` lists the indexes of the others.
// Plain MATCHes bind both endpoints (the relationship is then found by Expand(Into)); this is about twice as fast
// as OPTIONAL MATCHes with a subquery per row.
UNWIND $rows AS row
MATCH (a:Node {urn: row.from})
MATCH (b:Node {urn: row.to})
MERGE (a)-[r:$(row.type)]->(b)
SET r = row.props, r.contentHash = row.hash, r.ingestScope = $scope
RETURN collect(row.i) AS written

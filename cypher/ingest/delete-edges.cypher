UNWIND $rows AS row
MATCH (a:Node {urn: row.from})
MATCH (b:Node {urn: row.to})
CALL (row, a, b) {
  MATCH (a)-[r]->(b)
  WHERE type(r) = row.type AND r.ingestScope = $scope
  DELETE r
  RETURN count(*) AS n
}
RETURN sum(n) AS deleted

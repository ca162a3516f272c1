UNWIND $rows AS row
MATCH (a:Node {urn: row.from})-[r]->(b:Node {urn: row.to})
WHERE type(r) = row.type AND r.ingestScope = $scope
DELETE r
RETURN count(*) AS deleted

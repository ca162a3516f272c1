MATCH (a:Node {ingestScope: $scope})-[r]->(b:Node)
WHERE r.ingestScope = $scope
RETURN a.urn AS from, type(r) AS type, b.urn AS to, r.contentHash AS hash

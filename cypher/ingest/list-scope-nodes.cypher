MATCH (n:Node {ingestScope: $scope})
RETURN n.urn AS urn, labels(n) AS labels, n.contentHash AS hash

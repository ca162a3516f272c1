UNWIND $urns AS urn
MATCH (n:Node {urn: urn, ingestScope: $scope})
DETACH DELETE n
RETURN count(*) AS deleted

// The relationships of $types a scope owned at $at.
CALL () {
  MATCH (e:EdgeVersion {versionScope: $scope})
  WHERE e.edgeType IN $types AND (e.versionFromAt IS NULL OR e.versionFromAt <= datetime($at)) AND datetime($at) < e.versionToAt
  RETURN e.edgeFrom AS from, e.edgeType AS type, e.edgeTo AS to
  UNION
  MATCH (a:Node {ingestScope: $scope})-[r]->(b:Node)
  WHERE r.ingestScope = $scope AND type(r) IN $types AND (r.firstSeenAt IS NULL OR r.firstSeenAt <= datetime($at))
  RETURN a.urn AS from, type(r) AS type, b.urn AS to
}
RETURN from, type, to

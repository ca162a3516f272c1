// Relationships of $types touching $urns as they were at $at: live ones that existed then and closed versions that
// were current then.
UNWIND $urns AS u
CALL (u) {
  MATCH (a:Node {urn: u})-[r]-(b:Node)
  WHERE type(r) IN $types AND (r.firstSeenAt IS NULL OR r.firstSeenAt <= datetime($at))
  RETURN startNode(r).urn AS from, type(r) AS type, endNode(r).urn AS to, r.transformation AS transformation
  UNION
  MATCH (e:EdgeVersion {edgeFrom: u})
  WHERE e.edgeType IN $types AND (e.versionFromAt IS NULL OR e.versionFromAt <= datetime($at)) AND datetime($at) < e.versionToAt
  RETURN e.edgeFrom AS from, e.edgeType AS type, e.edgeTo AS to, e.transformation AS transformation
  UNION
  MATCH (e:EdgeVersion {edgeTo: u})
  WHERE e.edgeType IN $types AND (e.versionFromAt IS NULL OR e.versionFromAt <= datetime($at)) AND datetime($at) < e.versionToAt
  RETURN e.edgeFrom AS from, e.edgeType AS type, e.edgeTo AS to, e.transformation AS transformation
}
RETURN DISTINCT from, type, to, transformation

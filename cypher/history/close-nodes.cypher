// A snapshot no longer has these nodes: each is kept as a closed version (with the ingestion and time it stopped
// being true), the relationships other scopes still had to it are closed too, then it leaves the live graph.
UNWIND $urns AS urn
MATCH (n:Node {urn: urn, ingestScope: $scope})
CALL (n) {
  MATCH (n)-[r]-(o:Node)
  CREATE (e:EdgeVersion)
  SET e = properties(r),
      e.versionId = randomUUID(),
      e.versionScope = coalesce(r.ingestScope, n.ingestScope),
      e.edgeFrom = startNode(r).urn, e.edgeType = type(r), e.edgeTo = endNode(r).urn,
      e.versionFromAt = coalesce(r.writtenAt, r.firstSeenAt),
      e.versionToAt = datetime(), e.versionTo = $ingestion, e.versionEnd = 'closed'
  RETURN count(e) AS edges
}
CREATE (v:NodeVersion)
SET v = properties(n),
    v.versionId = randomUUID(),
    v.versionScope = n.ingestScope,
    v.versionLabels = [l IN labels(n) WHERE l <> 'Node'],
    v.versionFromAt = coalesce(n.writtenAt, n.firstSeenAt),
    v.versionToAt = datetime(),
    v.versionTo = $ingestion,
    v.versionEnd = 'closed'
DETACH DELETE n
RETURN count(*) AS closed

// Relationships of the scope that a snapshot changes ($end = 'changed', before their new content is written) or no
// longer has ($end = 'closed', then deleted): each becomes a closed version with the ingestion and time it ended.
UNWIND $rows AS row
MATCH (a:Node {urn: row.from})
MATCH (b:Node {urn: row.to})
CALL (row, a, b) {
  MATCH (a)-[r]->(b)
  WHERE type(r) = row.type AND r.ingestScope = $scope
  CREATE (e:EdgeVersion)
  SET e = properties(r),
      e.versionId = randomUUID(),
      e.versionScope = $scope,
      e.edgeFrom = a.urn, e.edgeType = type(r), e.edgeTo = b.urn,
      e.versionFromAt = coalesce(r.writtenAt, r.firstSeenAt),
      e.versionToAt = datetime(), e.versionTo = $ingestion, e.versionEnd = $end
  WITH r
  CALL (r) {
    WITH r WHERE $end = 'closed'
    DELETE r
  }
  RETURN count(*) AS n
}
RETURN sum(n) AS archived

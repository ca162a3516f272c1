// Relationships of the scope that a snapshot changes ($end = 'changed', before their new content is written) or no
// longer has ($end = 'closed', then deleted): each becomes a closed version with the ingestion and time it ended.
UNWIND $rows AS row
MATCH (a:Node {urn: row.from})
MATCH (b:Node {urn: row.to})
CALL (row, a, b) {
  // One-step variable-length pattern: always expanded between a and b, never a scan (see ingest/upsert-edges).
  MATCH (a)-[rs*1..1]->(b)
  WHERE type(rs[0]) = row.type AND rs[0].ingestScope = $scope
  WITH a, b, rs[0] AS r
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

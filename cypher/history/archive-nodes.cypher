// Before a snapshot ingestion replaces a node's content, its current content becomes a closed version (DataHub's
// versioned aspects: the live node is always the latest version). Idempotent: a version of the same content that
// started at the same time is not written twice (a rerun after a crash between archive and upsert).
UNWIND $urns AS urn
MATCH (n:Node {urn: urn})
WITH n, coalesce(n.writtenAt, n.firstSeenAt) AS fromAt
WHERE NOT EXISTS { MATCH (x:NodeVersion {urn: n.urn}) WHERE x.contentHash = n.contentHash AND x.versionFromAt = fromAt }
CREATE (v:NodeVersion)
SET v = properties(n),
    v.versionId = randomUUID(),
    v.versionScope = n.ingestScope,
    v.versionLabels = [l IN labels(n) WHERE l <> 'Node'],
    v.versionFromAt = fromAt,
    v.versionToAt = datetime(),
    v.versionTo = $ingestion,
    v.versionEnd = $end
RETURN count(v) AS archived

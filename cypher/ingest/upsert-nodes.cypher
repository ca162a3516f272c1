// Owned nodes: properties replaced as a whole (stale ones disappear), first-seen time kept, labels added.
// `created` lists the nodes this statement created (only their firstSeenAt is this statement's clock), so the
// writer knows no edge of theirs can exist yet.
UNWIND $rows AS row
MERGE (n:Node {urn: row.urn})
ON CREATE SET n.firstSeenAt = datetime()
WITH n, row, n.firstSeenAt AS firstSeen, n.firstSeenAt = datetime() AS created
SET n = row.props,
    n.urn = row.urn,
    n.contentHash = row.hash,
    n.ingestScope = $scope,
    n.firstSeenAt = coalesce(firstSeen, datetime()),
    n.writtenAt = datetime()
SET n:$(row.labels)
RETURN count(n) AS written, collect(CASE WHEN created THEN row.urn END) AS created

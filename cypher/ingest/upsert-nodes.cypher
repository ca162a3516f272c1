// Owned nodes: properties replaced as a whole (stale ones disappear), first-seen time kept, labels added.
UNWIND $rows AS row
MERGE (n:Node {urn: row.urn})
WITH n, row, n.firstSeenAt AS firstSeen, n.contentHash IS NULL AS created
SET n = row.props,
    n.urn = row.urn,
    n.contentHash = row.hash,
    n.ingestScope = $scope,
    n.firstSeenAt = coalesce(firstSeen, datetime()),
    n.writtenAt = datetime()
SET n:$(row.labels)
RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created, count(n) AS written

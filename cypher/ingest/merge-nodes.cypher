// Accumulating sources (OpenLineage): what an event says is added to what earlier events said.
UNWIND $rows AS row
MERGE (n:Node {urn: row.urn})
ON CREATE SET n.firstSeenAt = datetime()
SET n += row.props,
    n.contentHash = row.hash,
    n.ingestScope = coalesce(n.ingestScope, $scope),
    n.writtenAt = datetime()
REMOVE n.reference
SET n:$(row.labels)
RETURN count(n) AS written

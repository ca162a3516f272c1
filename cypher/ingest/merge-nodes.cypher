// Accumulating sources (OpenLineage, bio): what a record says is added to what earlier records said.
// `created` lists the nodes this statement created (see upsert-nodes).
UNWIND $rows AS row
MERGE (n:Node {urn: row.urn})
ON CREATE SET n.firstSeenAt = datetime()
WITH n, row, n.firstSeenAt = datetime() AS created, coalesce(n.ingestScope, $scope) AS scope
SET n += row.props,
    n.contentHash = row.hash,
    n.ingestScope = scope,
    n.writtenAt = datetime()
REMOVE n.reference
SET n:$(row.labels)
RETURN count(n) AS written, collect(CASE WHEN created THEN row.urn END) AS created

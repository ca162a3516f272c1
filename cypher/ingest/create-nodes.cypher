// Owned nodes the writer has just seen absent (not in the scope index, not found by get-node-hashes): created
// without MERGE's locking lookup. If a concurrent writer created one of them meanwhile, the uniqueness constraint
// on :Node(urn) fails this statement (nothing of it is written) and the writer runs upsert-nodes for the batch.
// Same properties as upsert-nodes writes for a node it creates.
UNWIND $rows AS row
CREATE (n:Node)
SET n = row.props,
    n.urn = row.urn,
    n.contentHash = row.hash,
    n.ingestScope = $scope,
    n.firstSeenAt = datetime(),
    n.writtenAt = datetime()
SET n:$(row.labels)
RETURN count(n) AS written, collect(row.urn) AS created

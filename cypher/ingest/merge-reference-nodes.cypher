// Nodes an artifact points at without owning them: created if missing, otherwise left as they are.
// `created` lists the nodes this statement created (see upsert-nodes).
UNWIND $rows AS row
MERGE (n:Node {urn: row.urn})
ON CREATE SET n = row.props, n.urn = row.urn, n.reference = true, n.firstSeenAt = datetime()
SET n:$(row.labels)
RETURN count(n) AS written, collect(CASE WHEN n.firstSeenAt = datetime() THEN row.urn END) AS created

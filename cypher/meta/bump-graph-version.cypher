// Every ingestion and metadata mutation bumps this; cached results are keyed by epoch + version. The epoch is new
// whenever the graph is recreated, so a cache that outlives a wiped graph never answers for the new one.
MERGE (g:HelixMeta {id: 'graph'})
ON CREATE SET g.epoch = randomUUID(), g.version = 0
SET g.version = g.version + 1, g.updatedAt = datetime()
RETURN g.epoch AS epoch, g.version AS version

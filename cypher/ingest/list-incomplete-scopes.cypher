// Scopes whose latest ingestion did not complete (failed, cancelled, lost, or still running): what the graph holds
// there may be partial (a killed snapshot's half-written namespace) until an ingestion of the scope completes.
MATCH (i:Ingestion)
WHERE i.scope IS NOT NULL AND i.status IN ['running', 'failed', 'cancelled', 'completed']
WITH i ORDER BY coalesce(i.startedAt, i.queuedAt) DESC
WITH i.scope AS scope, collect(i)[0] AS last
WHERE last.status <> 'completed'
RETURN scope, last.id AS ingestionId, last.status AS status, last.error AS error
ORDER BY scope
LIMIT 1000

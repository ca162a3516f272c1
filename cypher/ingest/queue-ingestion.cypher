// A background ingestion the API accepted: its record exists (status queued) before the runner starts it.
MERGE (i:Node:Ingestion {urn: $urn})
ON CREATE SET i.id = $id, i.kind = $kind, i.source = $source, i.namespace = $namespace, i.position = 0,
              i.queuedAt = datetime()
SET i.status = 'queued'
RETURN i.id AS id

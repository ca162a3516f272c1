// A background ingestion the API (or `helix ingest --queue`) accepted: its record exists (status queued) before a
// runner starts it; `queue` says who holds the job ('bullmq' or 'process').
MERGE (i:Node:Ingestion {urn: $urn})
ON CREATE SET i.id = $id, i.kind = $kind, i.source = $source, i.namespace = $namespace, i.position = 0,
              i.queuedAt = datetime(), i.retries = 0
SET i.status = 'queued', i.queue = $queue, i.heartbeatAt = datetime(), i.cancelRequested = false,
    i.finishedAt = null, i.error = null
RETURN i.id AS id, i.urn AS urn, i.kind AS kind, i.source AS source, i.namespace AS namespace, i.status AS status,
       toString(i.queuedAt) AS queuedAt

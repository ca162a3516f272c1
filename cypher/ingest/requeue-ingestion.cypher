// Handed back to the queue: a transient failure that will be retried, a worker stopped, or a lost worker whose job
// BullMQ still holds. The checkpoint (position, progressJson) stays, so a streamed ingestion resumes from it.
MATCH (i:Ingestion {urn: $urn})
WHERE i.status IN ['queued', 'running']
SET i.status = 'queued', i.error = $error, i.retries = coalesce(i.retries, 0) + $retry, i.workerId = null,
    i.heartbeatAt = datetime()
RETURN i.id AS id

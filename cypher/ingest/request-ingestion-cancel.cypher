// cancelIngestion(id): a record no worker runs ($now: its job was taken off the queue) is cancelled at once; a
// running one keeps the request and its worker stops at its next batch.
MATCH (i:Ingestion {urn: $urn})
WHERE i.status IN ['queued', 'running']
SET i.cancelRequested = true,
    i.status = CASE WHEN $now THEN 'cancelled' ELSE i.status END,
    i.finishedAt = CASE WHEN $now THEN datetime() ELSE i.finishedAt END,
    i.error = CASE WHEN $now THEN 'cancelled' ELSE i.error END
RETURN i.id AS id, i.status AS status

// An ingestion a worker holds is alive (queued while it is read and mapped, then running): the worker stamps it
// every few seconds and learns whether a cancel was asked.
MATCH (i:Ingestion {urn: $urn})
WHERE i.status IN ['queued', 'running']
SET i.heartbeatAt = datetime()
RETURN coalesce(i.cancelRequested, false) AS cancelRequested

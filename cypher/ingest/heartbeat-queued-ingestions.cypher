// Records queued in this process's own (in-process) queue are alive while the process is.
MATCH (i:Ingestion)
WHERE i.urn IN $urns AND i.status = 'queued'
SET i.heartbeatAt = datetime()
RETURN count(i) AS alive

// Records whose worker stopped stamping them: running (or queued in a process's own queue) with an old heartbeat.
// Records written before heartbeats existed count from their last start.
MATCH (i:Ingestion)
WHERE i.status IN ['running', 'queued']
  AND coalesce(i.heartbeatAt, i.resumedAt, i.startedAt, i.queuedAt) < datetime() - duration({milliseconds: $staleMs})
RETURN i.id AS id, i.urn AS urn, i.kind AS kind, i.status AS status, i.workerId AS workerId
LIMIT 500

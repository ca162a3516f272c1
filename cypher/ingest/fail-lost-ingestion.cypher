// The reaper: a record whose worker is gone and whose job no queue holds any more ends as failed.
MATCH (i:Ingestion {urn: $urn})
WHERE i.status IN ['running', 'queued']
  AND coalesce(i.heartbeatAt, i.resumedAt, i.startedAt, i.queuedAt) < datetime() - duration({milliseconds: $staleMs})
SET i.status = 'failed', i.finishedAt = datetime(), i.error = $error
RETURN i.id AS id

// A background ingestion that stopped before its runner could record an end (bad input found before it started).
MATCH (i:Ingestion {urn: $urn})
WHERE i.status IN ['queued', 'running']
SET i.status = 'failed', i.finishedAt = datetime(), i.error = $error
RETURN i.id AS id

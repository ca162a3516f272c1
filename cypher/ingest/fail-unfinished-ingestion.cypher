// An ingestion that stopped before its runner began its record (bad input found first, or cancelled while it
// waited): the queued record still ends, as $status (failed or cancelled) with its reason.
MATCH (i:Ingestion {urn: $urn})
WHERE i.status IN ['queued', 'running']
SET i.status = $status, i.finishedAt = datetime(), i.error = $error
RETURN i.id AS id

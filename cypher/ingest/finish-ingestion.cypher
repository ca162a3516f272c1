MATCH (i:Ingestion {urn: $urn})
SET i.status = $status, i.finishedAt = datetime(), i.reportJson = $reportJson, i.durationMs = $durationMs,
    i.error = $error, i.heartbeatAt = datetime()
RETURN i.id AS id

MATCH (i:Ingestion {urn: $urn})
SET i.position = $position, i.progressJson = $progressJson, i.checkpointAt = datetime()
RETURN i.position AS position

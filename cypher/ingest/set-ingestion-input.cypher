// What a completed snapshot ingestion read (inputDigest) and what its scopes held once it was written.
MATCH (i:Ingestion {urn: $urn})
SET i.inputDigest = $inputDigest, i.scopeDigestsJson = $scopeDigestsJson
RETURN i.id AS id

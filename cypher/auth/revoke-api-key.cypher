// Revokes a key (kept for the audit trail); revoking twice keeps the first time.
MATCH (k:ApiKey {id: $id})
SET k.revokedAt = coalesce(k.revokedAt, datetime()), k.revokedBy = coalesce(k.revokedBy, $revokedBy)
RETURN k.id AS id, toString(k.revokedAt) AS revokedAt

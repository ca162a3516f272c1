// Every API key (revoked ones too, so an auditor sees them), newest first; never the hash.
MATCH (k:ApiKey)
RETURN k.id AS id, k.name AS name, k.role AS role, k.namespaces AS namespaces,
       toString(k.createdAt) AS createdAt, k.createdBy AS createdBy, toString(k.lastUsedAt) AS lastUsedAt,
       toString(k.expiresAt) AS expiresAt, toString(k.revokedAt) AS revokedAt
ORDER BY k.createdAt DESC, k.id

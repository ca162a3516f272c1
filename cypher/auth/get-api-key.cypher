// One API key by id, with its secret's hash, for verifying a presented key.
MATCH (k:ApiKey {id: $id})
RETURN k.id AS id, k.hash AS hash, k.role AS role, k.namespaces AS namespaces,
       toString(k.expiresAt) AS expiresAt, toString(k.revokedAt) AS revokedAt, toString(k.lastUsedAt) AS lastUsedAt

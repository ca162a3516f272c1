// Records that a key was used (at most about once a minute per key and process, see src/auth/api-keys.ts).
MATCH (k:ApiKey {id: $id})
SET k.lastUsedAt = datetime()
RETURN k.id AS id

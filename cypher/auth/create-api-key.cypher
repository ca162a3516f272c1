// A new API key: its id, what it may do and the hash of its secret (the secret itself is never stored).
CREATE (k:ApiKey {
  id: $id, name: $name, role: $role, namespaces: $namespaces, hash: $hash,
  createdAt: datetime(), createdBy: $createdBy,
  expiresAt: CASE WHEN $expiresAt IS NULL THEN null ELSE datetime($expiresAt) END
})
RETURN k.id AS id

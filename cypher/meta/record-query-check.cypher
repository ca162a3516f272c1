// Start-up EXPLAINs every named query once per content: the hash covers every file and the server version.
MERGE (m:HelixMeta {id: 'query-check'})
SET m.hash = $hash, m.checkedAt = datetime(), m.queries = $queries
RETURN m.hash AS hash

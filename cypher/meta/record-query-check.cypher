// Start-up EXPLAINs every named query once per content: `files` holds one key per file (content + server version),
// `hash` covers them all.
MERGE (m:HelixMeta {id: 'query-check'})
SET m.hash = $hash, m.checkedAt = datetime(), m.queries = $queries, m.files = $files
RETURN m.hash AS hash

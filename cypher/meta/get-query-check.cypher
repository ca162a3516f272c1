OPTIONAL MATCH (m:HelixMeta {id: 'query-check'})
RETURN m.hash AS hash, m.files AS files

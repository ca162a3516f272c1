// The content hash of the demo graph last loaded (demo files and the ingestion code that maps them).
OPTIONAL MATCH (m:HelixMeta {id: 'demo'})
RETURN m.hash AS hash

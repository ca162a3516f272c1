OPTIONAL MATCH (s:HelixMeta {id: 'schema'})
RETURN coalesce(s.version, 0) AS version

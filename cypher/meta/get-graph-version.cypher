OPTIONAL MATCH (g:HelixMeta {id: 'graph'})
RETURN coalesce(g.epoch, 'empty') AS epoch, coalesce(g.version, 0) AS version

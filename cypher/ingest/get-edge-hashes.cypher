UNWIND $rows AS row
MATCH (a:Node {urn: row.from})-[r]->(b:Node {urn: row.to})
WHERE type(r) = row.type
RETURN row.i AS i, r.contentHash AS hash, properties(r) AS props

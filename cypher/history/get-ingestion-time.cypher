// When an ingestion ended (the graph "as of" it is the graph just after it), and what it wrote.
MATCH (i:Ingestion {urn: $urn})
RETURN i.id AS id, i.scope AS scope, i.status AS status, i.finishedAt AS finishedAt

MATCH (i:Ingestion {urn: $urn})
RETURN i.id AS id, i.kind AS kind, i.status AS status, i.position AS position, i.source AS source,
       i.scope AS scope, i.reportJson AS reportJson, i.progressJson AS progressJson

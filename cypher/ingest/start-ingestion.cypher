MERGE (i:Node:Ingestion {urn: $urn})
ON CREATE SET i.id = $id, i.kind = $kind, i.source = $source, i.namespace = $namespace, i.scope = $scope,
              i.startedAt = datetime(), i.position = 0
SET i.status = 'running', i.attempts = coalesce(i.attempts, 0) + 1, i.resumedAt = datetime()
RETURN i.id AS id, i.position AS position, i.status AS status

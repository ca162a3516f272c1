// Created here for CLI ingestions; a queued (API) or resumed record is taken over, keeping what it already says.
// The worker that runs it is named and its heartbeat starts (the reaper fails records whose heartbeat stops).
MERGE (i:Node:Ingestion {urn: $urn})
ON CREATE SET i.id = $id, i.position = 0, i.queuedAt = datetime()
SET i.kind = coalesce(i.kind, $kind), i.source = coalesce(i.source, $source),
    i.namespace = coalesce(i.namespace, $namespace), i.scope = coalesce(i.scope, $scope),
    i.startedAt = coalesce(i.startedAt, datetime()),
    i.status = 'running', i.attempts = coalesce(i.attempts, 0) + 1, i.resumedAt = datetime(),
    i.workerId = $workerId, i.heartbeatAt = datetime(), i.error = null
RETURN i.id AS id, i.position AS position, i.status AS status

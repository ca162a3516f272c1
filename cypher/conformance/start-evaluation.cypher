MATCH (e:ConformanceEvaluation {urn: $urn})
SET e.status = 'running', e.startedAt = datetime()
RETURN e.id AS id

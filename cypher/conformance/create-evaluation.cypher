MERGE (e:Node {urn: $urn})
ON CREATE SET e:ConformanceEvaluation, e.id = $id, e.namespace = $namespace, e.status = $status, e.mode = $mode,
              e.queuedAt = datetime(), e.rulesFile = $rulesFile
RETURN e.id AS id

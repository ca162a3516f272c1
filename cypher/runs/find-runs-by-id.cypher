// Runs an id names: a urn among $candidates (the id itself, and the run urns built from it) ranks 0; runs whose
// runId or invocationId is the id rank 1 (step runs 2).
UNWIND $candidates AS c
MATCH (r:Run {urn: c})
RETURN r.urn AS urn, labels(r) AS labels, properties(r) AS props, 0 AS rank
UNION
MATCH (r:Run)
WHERE r.runId = $id OR r.invocationId = $id
RETURN r.urn AS urn, labels(r) AS labels, properties(r) AS props, CASE WHEN r:StepRun THEN 2 ELSE 1 END AS rank

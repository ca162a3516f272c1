// totalCount of list-runs: the same filters, no page.
MATCH (r:Run)
WHERE ($includeSteps OR NOT r:StepRun)
  AND ($kind IS NULL OR coalesce(r.kind, CASE WHEN r:Invocation THEN 'dbt' END) = $kind)
  AND ($statuses IS NULL OR coalesce(toLower(r.status), 'unknown') IN $statuses)
  AND ($startedAfter IS NULL OR r.startedAt >= $startedAfter)
  AND ($startedBefore IS NULL OR r.startedAt < $startedBefore)
  AND ($job IS NULL OR EXISTS { MATCH (r)-[:INSTANCE_OF]->(j:Node) WHERE j.urn = $job OR j.name = $job })
  AND ($agent IS NULL OR EXISTS { MATCH (r)-[:WAS_ASSOCIATED_WITH]->(a:Agent) WHERE a.urn = $agent OR a.name = $agent })
RETURN count(r) AS total

// One page of runs, newest first: keyset on (startedAt descending, runs without a start last; then urn). Every filter
// is optional; $statuses lists the stored status values of the asked RunStatus (lower-case, 'unknown' for none) and
// dbt invocations are kind 'dbt'. count-runs carries the same WHERE clause.
MATCH (r:Run)
WITH r, coalesce(r.startedAt, '') AS started
WHERE ($afterUrn IS NULL OR started < $afterStarted OR (started = $afterStarted AND r.urn > $afterUrn))
  AND ($includeSteps OR NOT r:StepRun)
  AND ($kind IS NULL OR coalesce(r.kind, CASE WHEN r:Invocation THEN 'dbt' END) = $kind)
  AND ($statuses IS NULL OR coalesce(toLower(r.status), 'unknown') IN $statuses)
  AND ($startedAfter IS NULL OR r.startedAt >= $startedAfter)
  AND ($startedBefore IS NULL OR r.startedAt < $startedBefore)
  AND ($job IS NULL OR EXISTS { MATCH (r)-[:INSTANCE_OF]->(j:Node) WHERE j.urn = $job OR j.name = $job })
  AND ($agent IS NULL OR EXISTS { MATCH (r)-[:WAS_ASSOCIATED_WITH]->(a:Agent) WHERE a.urn = $agent OR a.name = $agent })
  // A key limited to namespaces ($namespaces) sees the runs src/auth/visibility.ts admits: OpenLineage runs of its
  // jobs' namespaces, dbt invocations and results of its dbt namespaces, workflow runs under the `bio` scope.
  AND ($namespaces IS NULL OR CASE
    WHEN r.urn STARTS WITH 'urn:ol:run:' THEN EXISTS { MATCH (r)-[:INSTANCE_OF]->(j:Job) WHERE j.namespace IN $namespaces }
    WHEN r.urn STARTS WITH 'urn:dbt:invocation:' THEN r.namespace IN $namespaces
    WHEN r.urn STARTS WITH 'urn:dbt:' THEN split(r.urn, ':')[2] IN $namespaces
    WHEN r.urn STARTS WITH 'urn:ol:' OR r.urn STARTS WITH 'urn:helix:' THEN false
    ELSE 'bio' IN $namespaces END)
RETURN r.urn AS urn, labels(r) AS labels, properties(r) AS props, started
ORDER BY started DESC, r.urn
LIMIT toInteger($first)

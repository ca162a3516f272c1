// The latest $first runs of each job or step (INSTANCE_OF), newest first, optionally of some statuses.
UNWIND $urns AS key
CALL (key) {
  MATCH (r:Run)-[:INSTANCE_OF]->(:Node {urn: key})
  WHERE $statuses IS NULL OR coalesce(toLower(r.status), 'unknown') IN $statuses
  WITH r ORDER BY coalesce(r.startedAt, '') DESC, r.urn
  LIMIT toInteger($first)
  RETURN collect({urn: r.urn, labels: labels(r), props: properties(r)}) AS nodes
}
RETURN key, nodes

// The first $first step runs of each run (PART_OF_RUN), in execution order: start, position, task id.
UNWIND $urns AS key
CALL (key) {
  MATCH (s:Run)-[:PART_OF_RUN]->(:Run {urn: key})
  WITH s ORDER BY coalesce(s.startedAt, s.submittedAt, ''), s.position, toIntegerOrNull(s.taskId), s.urn
  LIMIT toInteger($first)
  RETURN collect({urn: s.urn, labels: labels(s), props: properties(s)}) AS nodes
}
RETURN key, nodes

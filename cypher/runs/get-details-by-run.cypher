// What each run records about itself: associated agents (role AGENT, edge role in rel), imputation status updates
// (STATUS_UPDATE), OpenLineage events (EVENT) and provenance records (PROVENANCE_RECORD), in time order.
UNWIND $urns AS key
MATCH (r:Run {urn: key})
CALL (r) {
  MATCH (r)-[x:WAS_ASSOCIATED_WITH]->(n:Agent) RETURN n, 'AGENT' AS role, properties(x) AS rel, '' AS at
  UNION
  MATCH (r)-[x:HAS_STATUS_UPDATE]->(n:StatusUpdate) RETURN n, 'STATUS_UPDATE' AS role, null AS rel, coalesce(n.timestamp, '') AS at
  UNION
  MATCH (r)<-[x:OF_RUN]-(n:RunEvent) RETURN n, 'EVENT' AS role, null AS rel, coalesce(n.eventTime, '') AS at
  UNION
  MATCH (r)-[x:HAS_PROVENANCE]->(n:ProvenanceRecord) RETURN n, 'PROVENANCE_RECORD' AS role, null AS rel, coalesce(n.timestamp, '') AS at
}
WITH key, n, role, rel, at ORDER BY role, at, n.urn
RETURN key, collect({urn: n.urn, labels: labels(n), props: properties(n), role: role, rel: rel}) AS nodes

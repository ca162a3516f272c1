// What an ingestion scope owns, with content hashes: compared before and after an ingestion, it names the subjects
// the ingestion changed (incremental evaluation).
MATCH (n:Node {ingestScope: $scope})
OPTIONAL CALL (n) {
  MATCH (n)-[r]->(b:Node) WHERE r.ingestScope = $scope
  RETURN collect(type(r) + '>' + b.urn + '#' + coalesce(r.contentHash, '')) AS edges
}
RETURN n.urn AS urn, coalesce(n.contentHash, '') AS hash, edges

// What the ingestion scopes starting with $prefix own, with content hashes (nodes and their owned out-edges):
// compared before and after an ingestion, it names the nodes the ingestion changed (incremental evaluation).
MATCH (n:Node)
WHERE n.ingestScope STARTS WITH $prefix
OPTIONAL CALL (n) {
  MATCH (n)-[r]->(b:Node) WHERE r.ingestScope = n.ingestScope
  RETURN collect(type(r) + '>' + b.urn + '#' + coalesce(r.contentHash, '')) AS edges
}
RETURN n.urn AS urn, coalesce(n.contentHash, '') AS hash, edges

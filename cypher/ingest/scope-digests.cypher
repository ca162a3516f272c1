// A digest of everything each scope owns (node urns and content hashes, edge keys and content hashes): equal
// digests mean the scope still holds what it held when the digest was taken. Computed in the database, so a large
// scope costs one round trip and no rows on the wire.
UNWIND $scopes AS scope
CALL (scope) {
  MATCH (n:Node {ingestScope: scope})
  WITH n.urn + '|' + coalesce(n.contentHash, '') AS line
  ORDER BY line
  RETURN count(line) AS nodes, apoc.util.sha256(collect(line)) AS nodeDigest
}
CALL (scope) {
  MATCH (a:Node {ingestScope: scope})-[r]->(b:Node)
  WHERE r.ingestScope = scope
  WITH a.urn + '|' + type(r) + '|' + b.urn + '|' + coalesce(r.contentHash, '') AS line
  ORDER BY line
  RETURN count(line) AS edges, apoc.util.sha256(collect(line)) AS edgeDigest
}
RETURN scope, nodes, edges, nodeDigest + ':' + edgeDigest AS digest

// Nested upstream/downstream fields of many capsules or columns in one round trip: a bounded BFS per root (global
// node uniqueness, at most $limit nodes, $depth hops), each node once at its shortest distance.
UNWIND $urns AS key
MATCH (root:Node {urn: key})
CALL (root) {
  CALL apoc.path.expandConfig(root, {
    relationshipFilter: $relationshipFilter,
    minLevel: 1,
    maxLevel: toInteger($depth),
    bfs: true,
    uniqueness: 'NODE_GLOBAL',
    limit: toInteger($limit)
  }) YIELD path
  WITH last(nodes(path)) AS n, length(path) AS level
  RETURN collect({urn: n.urn, labels: labels(n), props: properties(n), level: level}) AS nodes
}
RETURN key, nodes

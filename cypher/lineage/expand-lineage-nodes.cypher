// The nodes of one direction of a lineage and nothing else (the most asked shape: `nodes { urn ... }` without
// edges, truncatedFrontier, truncated or exposures): the same BFS as expand-lineage (APOC, global node uniqueness,
// each node at its shortest distance, stops after $limit + 1 nodes so `limitHit` is exact) without the edge,
// frontier and exposure subqueries, which cost Neo4j about as much as the walk even when they have nothing to do
// (PROFILE on the peer bench graph: 3.0 vs 4.7 ms CPU per query, `RETURN 1` 2.4). Same columns as expand-lineage.
MATCH (root:Node {urn: $urn})
CALL apoc.path.expandConfig(root, {
  relationshipFilter: $relationshipFilter,
  labelFilter: $labelFilter,
  minLevel: 0,
  maxLevel: toInteger($depth),
  bfs: true,
  uniqueness: 'NODE_GLOBAL',
  limit: toInteger($limit) + 1
}) YIELD path
// Grouped by root: a missing root gives no row (NOT_FOUND), not one empty row.
WITH root, last(nodes(path)) AS n, length(path) AS level
WITH root, collect(n {.urn, .name, .namespace, .layer, .resourceType, .capsuleUrn, labels: labels(n), level: level}) AS found
RETURN found[0..toInteger($limit)] AS nodes, [] AS edges, size(found) > $limit AS limitHit, [] AS frontier,
       [] AS exposureEdges, [] AS exposures

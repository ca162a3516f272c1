// Breadth-first lineage of one node in one direction, in one round trip: APOC's BFS with global node uniqueness
// visits every node once at its shortest distance (never enumerates paths) and stops after $limit + 1 nodes, so
// `limitHit` is exact. Edges are those of $relType among the kept nodes; `frontier` lists kept nodes with
// neighbours that were cut (by the limit, or beyond the last level when $probeBeyond). Edges and frontier are only
// computed when asked for ($withEdges, $withFrontier): a question about the nodes alone skips both.
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
WITH root, last(nodes(path)) AS n, length(path) AS level
WITH root, collect({node: n, level: level, view: n {.urn, .name, .namespace, .layer, .resourceType, .capsuleUrn, labels: labels(n), level: level}}) AS found
WITH root, found[0..toInteger($limit)] AS kept, size(found) > $limit AS limitHit
WITH root, kept, limitHit, [k IN kept | k.node] AS members,
     apoc.map.fromPairs([k IN kept | [k.node.urn, true]]) AS inSet
CALL (members) {
  CALL apoc.algo.cover(CASE WHEN $withEdges THEN members ELSE [] END) YIELD rel
  WITH rel WHERE type(rel) = $relType
  RETURN collect({from: startNode(rel).urn, to: endNode(rel).urn, type: type(rel), transformation: rel.transformation}) AS edges
}
CALL (kept, limitHit, inSet) {
  UNWIND kept AS k
  WITH k WHERE $withFrontier AND ((limitHit AND k.level < $depth) OR ($probeBeyond AND k.level = $depth))
  CALL apoc.path.subgraphNodes(k.node, {relationshipFilter: $relationshipFilter, labelFilter: $labelFilter, minLevel: 1, maxLevel: 1}) YIELD node
  WITH k, node WHERE inSet[node.urn] IS NULL
  RETURN collect(DISTINCT k.node.urn) AS frontier
}
CALL (members) {
  UNWIND CASE WHEN $withExposures THEN members ELSE [] END AS c
  MATCH (k:Capsule)-[:HAS_COLUMN]->(c)
  MATCH (k)-[:FLOWS_TO]->(e:Exposure)
  RETURN collect(DISTINCT {from: c.urn, to: e.urn, via: k.urn}) AS exposureEdges,
         collect(DISTINCT e {.urn, .name, .namespace, .layer, .resourceType, labels: labels(e)}) AS exposures
}
RETURN [k IN kept | k.view] AS nodes,
       edges, limitHit, frontier, exposureEdges, exposures

// One breadth-first hop of table lineage downstream for a whole frontier. Not used by the API: bench/lineage-api.ts
// compares this round-trip-per-hop strategy with the one-round-trip BFS of expand-lineage.
UNWIND $frontier AS u
MATCH (:Node {urn: u})-[:FLOWS_TO]->(b:Node)
RETURN DISTINCT u AS from, b.urn AS to

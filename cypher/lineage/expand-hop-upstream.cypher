// One breadth-first hop of table lineage upstream for a whole frontier (bench comparison only, see
// expand-hop-downstream).
UNWIND $frontier AS u
MATCH (:Node {urn: u})<-[:FLOWS_TO]-(b:Node)
RETURN DISTINCT u AS from, b.urn AS to

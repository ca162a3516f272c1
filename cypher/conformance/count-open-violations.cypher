// OPEN or ACKNOWLEDGED violations (with a subject still in the graph) per rule in a namespace (null: all).
UNWIND $ruleIds AS id
CALL (id) {
  MATCH (v:Violation {ruleId: id})
  WHERE v.status IN ['OPEN', 'ACKNOWLEDGED'] AND ($namespace IS NULL OR v.namespace = $namespace)
    AND EXISTS { (v)-[:CONCERNS]->() }
  RETURN count(v) AS failed
}
RETURN id AS rule, failed

// Subjects a rule of this scope judges in a namespace (null: all): the `evaluated` side of the score.
// $subjects (incremental): only those.
CALL (*) {
  WITH * WHERE $label = 'Column'
  MATCH (c:Capsule)-[:HAS_COLUMN]->(n:Column)
  WHERE ($namespace IS NULL OR c.namespace = $namespace) AND ($subjects IS NULL OR n.urn IN $subjects)
  RETURN count(DISTINCT n) AS n
  UNION
  WITH * WHERE $label <> 'Column'
  MATCH (n:$($label))
  WHERE ($namespace IS NULL OR n.namespace = $namespace) AND ($subjects IS NULL OR n.urn IN $subjects)
    AND coalesce(n.reference, false) = false
  RETURN count(n) AS n
}
RETURN sum(n) AS evaluated

// Subjects a rule of this scope judges in a namespace (null: all): the `evaluated` side of the score.
// $subjects (incremental): only those. $label is a scope's label (src/services/conformance/scope-labels.ts): one
// branch per label, because a dynamic label (MATCH (n:$($label))) is planned by Neo4j 5.26 as a scan of all nodes.
// Only the branch of $label matches anything; each other one counts 0 (an aggregate over no rows), hence the sum.
CALL (*) {
  WITH * WHERE $label = 'Column'
  MATCH (c:Capsule)-[:HAS_COLUMN]->(n:Column)
  WHERE ($namespace IS NULL OR c.namespace = $namespace) AND ($subjects IS NULL OR n.urn IN $subjects)
  RETURN count(DISTINCT n) AS n
  UNION ALL
  WITH * WHERE $label = 'Capsule'
  MATCH (n:Capsule)
  WHERE ($namespace IS NULL OR n.namespace = $namespace) AND ($subjects IS NULL OR n.urn IN $subjects)
    AND coalesce(n.reference, false) = false
  RETURN count(n) AS n
  UNION ALL
  WITH * WHERE $label = 'Model'
  MATCH (n:Model)
  WHERE ($namespace IS NULL OR n.namespace = $namespace) AND ($subjects IS NULL OR n.urn IN $subjects)
    AND coalesce(n.reference, false) = false
  RETURN count(n) AS n
  UNION ALL
  WITH * WHERE $label = 'Source'
  MATCH (n:Source)
  WHERE ($namespace IS NULL OR n.namespace = $namespace) AND ($subjects IS NULL OR n.urn IN $subjects)
    AND coalesce(n.reference, false) = false
  RETURN count(n) AS n
  UNION ALL
  WITH * WHERE $label = 'Exposure'
  MATCH (n:Exposure)
  WHERE ($namespace IS NULL OR n.namespace = $namespace) AND ($subjects IS NULL OR n.urn IN $subjects)
    AND coalesce(n.reference, false) = false
  RETURN count(n) AS n
  UNION ALL
  WITH * WHERE $label = 'Test'
  MATCH (n:Test)
  WHERE ($namespace IS NULL OR n.namespace = $namespace) AND ($subjects IS NULL OR n.urn IN $subjects)
    AND coalesce(n.reference, false) = false
  RETURN count(n) AS n
  UNION ALL
  WITH * WHERE $label = 'Gene'
  MATCH (n:Gene)
  WHERE ($namespace IS NULL OR n.namespace = $namespace) AND ($subjects IS NULL OR n.urn IN $subjects)
    AND coalesce(n.reference, false) = false
  RETURN count(n) AS n
  UNION ALL
  WITH * WHERE $label = 'Annotation'
  MATCH (n:Annotation)
  WHERE ($namespace IS NULL OR n.namespace = $namespace) AND ($subjects IS NULL OR n.urn IN $subjects)
    AND coalesce(n.reference, false) = false
  RETURN count(n) AS n
  UNION ALL
  WITH * WHERE $label = 'Run'
  MATCH (n:Run)
  WHERE ($namespace IS NULL OR n.namespace = $namespace) AND ($subjects IS NULL OR n.urn IN $subjects)
    AND coalesce(n.reference, false) = false
  RETURN count(n) AS n
}
RETURN sum(n) AS evaluated

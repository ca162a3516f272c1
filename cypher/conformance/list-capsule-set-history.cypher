// Status histories of the violations of the given rules concerning a set of capsules (as in score-capsule-set), their
// columns and tests: the trend of a finer scope is replayed from them.
MATCH (c:Capsule)
WHERE ($namespace IS NULL OR c.namespace = $namespace)
  AND ($layer IS NULL OR c.layer = $layer)
  AND ($capsule IS NULL OR c.urn = $capsule)
  AND coalesce(c.reference, false) = false
  AND ($domain IS NULL OR EXISTS {
    MATCH (c)-[:IN_DOMAIN|PART_OF*1..4]->(d:Domain) WHERE d.urn = $domain OR toLower(d.name) = toLower($domain) })
  AND ($dataProduct IS NULL OR EXISTS {
    MATCH (c)-[:PART_OF*1..3]->(p:DataProduct) WHERE p.urn = $dataProduct OR toLower(p.name) = toLower($dataProduct) })
CALL (c) {
  RETURN c AS s
  UNION
  MATCH (c)-[:HAS_COLUMN]->(s:Column) RETURN s
  UNION
  MATCH (s:Test)-[:TESTS]->(c) RETURN s
}
WITH DISTINCT s
MATCH (v:Violation)-[:CONCERNS]->(s)
WHERE v.ruleId IN $ruleIds
RETURN v.historyStatus AS statuses, v.historyAt AS ats

// Score of a set of capsules (namespace, layer, one capsule, a domain reached along IN_DOMAIN/PART_OF, a data
// product reached along PART_OF): per rule, the subjects of its scope among the capsules, their columns and tests,
// and how many of them have an OPEN or ACKNOWLEDGED violation of it.
MATCH (c:Capsule)
WHERE ($namespace IS NULL OR c.namespace = $namespace)
  AND ($layer IS NULL OR c.layer = $layer)
  AND ($capsule IS NULL OR c.urn = $capsule)
  AND coalesce(c.reference, false) = false
  AND ($domain IS NULL OR EXISTS {
    MATCH (c)-[:IN_DOMAIN|PART_OF*1..4]->(d:Domain) WHERE d.urn = $domain OR toLower(d.name) = toLower($domain) })
  AND ($dataProduct IS NULL OR EXISTS {
    MATCH (c)-[:PART_OF*1..3]->(p:DataProduct) WHERE p.urn = $dataProduct OR toLower(p.name) = toLower($dataProduct) })
WITH collect(c) AS caps
UNWIND $rules AS r
CALL (r, caps) {
  UNWIND caps AS c
  CALL (c, r) {
    WITH c, r WHERE r.label = 'Column'
    MATCH (c)-[:HAS_COLUMN]->(s:Column) RETURN s
    UNION
    WITH c, r WHERE r.label = 'Test'
    MATCH (s:Test)-[:TESTS]->(c) RETURN s
    UNION
    WITH c, r WHERE r.label IN labels(c)
    RETURN c AS s
  }
  WITH DISTINCT s
  RETURN count(s) AS evaluated,
         sum(COUNT { MATCH (v:Violation)-[:CONCERNS]->(s) WHERE v.ruleId = r.id AND v.status IN ['OPEN', 'ACKNOWLEDGED'] }) AS failed
}
RETURN r.id AS rule, evaluated, failed

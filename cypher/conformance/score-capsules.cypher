// Capsule.conformanceScore for many capsules at once: per capsule and enabled rule, the subjects of the rule's scope
// (the capsule itself, its columns, its tests) and those with an OPEN or ACKNOWLEDGED violation of the rule.
UNWIND $urns AS key
MATCH (c:Capsule {urn: key})
UNWIND $rules AS r
CALL (c, r) {
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
  RETURN count(s) AS evaluated,
         sum(COUNT { MATCH (v:Violation)-[:CONCERNS]->(s) WHERE v.ruleId = r.id AND v.status IN ['OPEN', 'ACKNOWLEDGED'] }) AS failed
}
RETURN key, r.id AS rule, evaluated, failed

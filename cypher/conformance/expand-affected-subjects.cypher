// The subjects of one scope ($label) that changed nodes ($urns) can affect: the node itself (even removed: its urn
// may name a violation), the capsule of a column, the columns of a capsule, what a test tests, the capsules a result's
// test tests (or the capsule a result is of), the models of a changed group, the gene of an annotation. With
// $lineage, also the capsules one FLOWS_TO hop up or down and every column downstream along DERIVED_FROM.
UNWIND $urns AS u
OPTIONAL MATCH (n:Node {urn: u})
CALL (n, u) {
  RETURN u AS s
  UNION
  MATCH (n)<-[:HAS_COLUMN]-(c) RETURN c.urn AS s
  UNION
  MATCH (n)-[:HAS_COLUMN]->(c) RETURN c.urn AS s
  UNION
  MATCH (n)-[:TESTS]->(c) RETURN c.urn AS s
  UNION
  MATCH (n)-[:RESULT_OF]->(t:Test)-[:TESTS]->(c) RETURN c.urn AS s
  UNION
  MATCH (n)-[:RESULT_OF]->(c:Capsule) RETURN c.urn AS s
  UNION
  MATCH (n:Group)<-[:IN_GROUP]-(c) RETURN c.urn AS s
  UNION
  MATCH (n:Annotation)<-[:HAS_ANNOTATION]-(g) RETURN g.urn AS s
}
WITH collect(DISTINCT s) AS direct
CALL (direct) {
  UNWIND direct AS s RETURN s
  UNION
  UNWIND CASE WHEN $lineage THEN direct ELSE [] END AS d
  MATCH (c:Capsule {urn: d})-[:FLOWS_TO]-(x:Capsule) RETURN x.urn AS s
  UNION
  UNWIND CASE WHEN $lineage THEN direct ELSE [] END AS d
  MATCH (c:Column {urn: d})<-[:DERIVED_FROM*1..]-(x:Column) RETURN x.urn AS s
}
WITH DISTINCT s
OPTIONAL MATCH (x:Node {urn: s})
WITH s, x WHERE x IS NULL OR $label IN labels(x)
RETURN collect(s) AS subjects

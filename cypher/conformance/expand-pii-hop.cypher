// One breadth-first level of PII propagation for all frontier columns at once: every column derived from one of
// $urns ((down)-[:DERIVED_FROM]->(up): data flows from up to down), with what decides whether PII flows over the
// edge (transformation, masking; the downstream column's name, type and declarations) and its table's namespace.
UNWIND $urns AS u
MATCH (up:Column {urn: u})<-[r:DERIVED_FROM]-(down:Column)
RETURN u AS parent, down.urn AS child, down.name AS name, down.dataType AS dataType, down.metaJson AS metaJson,
  coalesce(down.tags, []) + [(down)-[:TAGGED_WITH]->(g:Tag) | g.name] AS tags,
  head([(t)-[:HAS_COLUMN]->(down) | t.namespace]) AS namespace,
  r.transformation AS transformation, r.masking AS masking, r.transformationSubtypes AS subtypes

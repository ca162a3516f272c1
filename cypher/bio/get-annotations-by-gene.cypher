// Annotations of each gene, optionally of one source ($source) and release ($version). The writer's bookkeeping
// `writtenAt` is when Helix wrote the node; a string `updatedAt` (or `sourceUpdatedAt`) is the source's own date.
UNWIND $urns AS key
MATCH (:Gene {urn: key})-[:HAS_ANNOTATION]->(a:Annotation)
WHERE ($source IS NULL OR toLower(a.source) = $source) AND ($version IS NULL OR a.version = $version)
WITH key, a ORDER BY a.source, a.urn
RETURN key, collect({
  urn: a.urn,
  labels: labels(a),
  props: a {.*,
    sourceUpdatedAt: coalesce(a.sourceUpdatedAt, CASE WHEN a.updatedAt IS :: STRING THEN a.updatedAt END),
    ingestedAt: a.writtenAt
  }
}) AS nodes

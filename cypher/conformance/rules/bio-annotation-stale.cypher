// bio.annotation-stale: a gene whose newest annotation of some source is older than $params.maxAgeDays. A release's
// date is the annotation's updatedAt, else its source's retrievedAt, else a version written as a date (2023-11-22);
// releases with no date are not judged. $params.sources (optional) limits the sources judged.
MATCH (g:Gene)
WHERE ($namespace IS NULL OR g.namespace = $namespace)
  AND ($subjects IS NULL OR g.urn IN $subjects)
CALL (g) {
  MATCH (g)-[:HAS_ANNOTATION]->(a:Annotation)
  WHERE $params.sources IS NULL OR a.source IN $params.sources
  OPTIONAL MATCH (a)-[:FROM_SOURCE]->(s:AnnotationSource)
  WITH a, [x IN [a.updatedAt, s.retrievedAt, a.version] WHERE x IS NOT NULL AND toString(x) =~ '\\d{4}-\\d{2}-\\d{2}.*'][0] AS dated
  WITH a.source AS source, max(date(substring(toString(dated), 0, 10))) AS newest
  WHERE newest IS NOT NULL AND newest < date() - duration({days: $params.maxAgeDays})
  RETURN collect(source + ' ' + toString(newest)) AS stale
}
WITH g, stale WHERE size(stale) > 0
RETURN g.urn AS subject,
       'gene ' + coalesce(g.symbol, g.urn) + ' has annotations older than ' + toString(toInteger($params.maxAgeDays)) + ' days: ' +
         apoc.text.join(apoc.coll.sort(stale), ', ') AS message,
       apoc.coll.sort(stale) AS evidence

// Every annotation source release with its coverage: how many genes and annotations come from it.
MATCH (s:AnnotationSource)
WHERE $name IS NULL OR toLower(s.name) = $name
OPTIONAL MATCH (s)<-[:FROM_SOURCE]-(a:Annotation)
WITH s, count(a) AS annotations, count(DISTINCT a.geneUrn) AS genes
RETURN s.urn AS urn, labels(s) AS labels, properties(s) AS props, annotations, genes
ORDER BY s.name, s.version

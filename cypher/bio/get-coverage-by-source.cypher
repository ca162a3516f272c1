// Coverage of each annotation source release: distinct genes and annotations that come from it.
UNWIND $urns AS key
MATCH (s:AnnotationSource {urn: key})
OPTIONAL MATCH (s)<-[:FROM_SOURCE]-(a:Annotation)
RETURN key, count(DISTINCT a.geneUrn) AS genes, count(a) AS annotations

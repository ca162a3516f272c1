// totalCount of list-genes: the same filters, no page.
MATCH (g:Gene)
WHERE ($urns IS NULL OR g.urn IN $urns)
  AND ($symbol IS NULL OR toUpper(g.symbol) = $symbol)
  AND ($locusType IS NULL OR toLower(g.locusType) = $locusType)
  AND ($status IS NULL OR toLower(g.status) = $status)
  AND ($source IS NULL OR EXISTS {
        MATCH (g)-[:HAS_ANNOTATION]->(a:Annotation)
        WHERE toLower(a.source) = $source AND ($sourceVersion IS NULL OR a.version = $sourceVersion)
      })
RETURN count(g) AS total

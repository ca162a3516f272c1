// One page of genes in urn order (keyset: urn > $after), every filter optional (null = any). $urns restricts to the
// candidates of a full-text filter; $symbol is upper-cased by the caller. count-genes carries the same WHERE clause.
MATCH (g:Gene)
WHERE g.urn > $after
  AND ($urns IS NULL OR g.urn IN $urns)
  AND ($symbol IS NULL OR toUpper(g.symbol) = $symbol)
  AND ($locusType IS NULL OR toLower(g.locusType) = $locusType)
  AND ($status IS NULL OR toLower(g.status) = $status)
  AND ($source IS NULL OR EXISTS {
        MATCH (g)-[:HAS_ANNOTATION]->(a:Annotation)
        WHERE toLower(a.source) = $source AND ($sourceVersion IS NULL OR a.version = $sourceVersion)
      })
RETURN g.urn AS urn, labels(g) AS labels, properties(g) AS props
ORDER BY g.urn
LIMIT toInteger($first)

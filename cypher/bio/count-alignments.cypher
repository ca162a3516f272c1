// totalCount of list-alignments: the same filters, no page.
MATCH (a:Alignment)
WHERE ($sourceFile IS NULL OR a.sourceFile = $sourceFile)
  AND ($program IS NULL OR toLower(a.program) = $program)
  AND ($sequence IS NULL OR EXISTS { (a)-[:QUERY|REFERENCE]->(:Node {urn: $sequence}) })
RETURN count(a) AS total

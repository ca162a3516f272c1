// One page of alignments in urn order (keyset: urn > $after); filters optional. count-alignments has the same WHERE.
MATCH (a:Alignment)
WHERE a.urn > $after
  AND ($sourceFile IS NULL OR a.sourceFile = $sourceFile)
  AND ($program IS NULL OR toLower(a.program) = $program)
  AND ($sequence IS NULL OR EXISTS { (a)-[:QUERY|REFERENCE]->(:Node {urn: $sequence}) })
RETURN a.urn AS urn, labels(a) AS labels, properties(a) AS props
ORDER BY a.urn
LIMIT toInteger($first)

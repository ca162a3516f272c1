// Genes named $symbol (upper-cased by the caller), best first: the approved gene with that symbol, then genes known
// only by reference, then withdrawn entries, then genes that had it as a previous symbol, then as an alias.
MATCH (g:Gene)
WITH g, CASE
  WHEN toUpper(g.symbol) = $symbol AND g.status = 'Approved' THEN 0
  WHEN toUpper(g.symbol) = $symbol AND g.status IS NULL THEN 1
  WHEN toUpper(g.symbol) = $symbol THEN 2
  WHEN any(x IN coalesce(g.prevSymbols, []) WHERE toUpper(x) = $symbol) THEN 3
  WHEN any(x IN coalesce(g.aliasSymbols, []) WHERE toUpper(x) = $symbol) THEN 4
END AS rank
WHERE rank IS NOT NULL
RETURN g.urn AS urn, labels(g) AS labels, properties(g) AS props, rank
ORDER BY rank, g.urn
LIMIT 20

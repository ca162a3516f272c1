// Ranked full-text search over helix_search: exact (case-insensitive) name or symbol matches first, then Lucene score, then
// urn. The first $window hits of $lucene (which boosts exact names) are ranked, so paging is stable.
CALL db.index.fulltext.queryNodes('helix_search', $lucene) YIELD node, score
WHERE size($types) = 0 OR any(t IN labels(node) WHERE t IN $types)
WITH node, score
LIMIT toInteger($window)
WITH node, score, $exact IN [toLower(coalesce(node.name, '')), toLower(coalesce(node.symbol, ''))] AS exactMatch
ORDER BY exactMatch DESC, score DESC, node.urn
SKIP toInteger($offset)
LIMIT toInteger($first)
RETURN node.urn AS urn, labels(node) AS labels, properties(node) AS props, score, exactMatch

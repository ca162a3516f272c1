// The relationships leaving the page $urns of a known node set whose other end is in the set $all too
// (optionally of $relTypes only).
UNWIND $urns AS u
MATCH (a:Node {urn: u})-[r]->(b:Node)
WHERE b.urn IN $all AND ($relTypes IS NULL OR type(r) IN $relTypes)
RETURN a.urn AS from, type(r) AS type, b.urn AS to, CASE WHEN $properties THEN properties(r) ELSE {} END AS props
ORDER BY from, type, to

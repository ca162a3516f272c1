// How many relationships an export over a known node set ($all, already filtered) holds.
UNWIND $all AS u
MATCH (a:Node {urn: u})-[r]->(b:Node)
WHERE b.urn IN $all AND ($relTypes IS NULL OR type(r) IN $relTypes)
RETURN count(r) AS relationships

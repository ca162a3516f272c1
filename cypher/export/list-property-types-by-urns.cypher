// The property keys and value types of an export over a known node set $all (see list-property-types).
CALL () {
  UNWIND $all AS u
  MATCH (n:Node {urn: u})
  UNWIND keys(n) AS key
  RETURN DISTINCT 'node' AS element, key, valueType(n[key]) AS type
  UNION
  UNWIND $all AS u
  MATCH (a:Node {urn: u})-[r]->(b:Node)
  WHERE b.urn IN $all AND ($relTypes IS NULL OR type(r) IN $relTypes)
  UNWIND keys(r) AS key
  RETURN DISTINCT 'edge' AS element, key, valueType(r[key]) AS type
}
RETURN element, key, collect(type) AS types
ORDER BY element, key

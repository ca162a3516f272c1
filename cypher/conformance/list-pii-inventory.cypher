// One page of PII findings in urn order (keyset: urn > $after), filters optional (null = any), with the flagged
// column (so the inventory needs no second round trip). count-pii-inventory carries the same WHERE clause.
MATCH (f:PiiFinding)-[:FLAGS]->(c:Column)
WHERE f.urn > $after
  AND ($namespace IS NULL OR f.namespace = $namespace)
  AND ($category IS NULL OR f.category = $category)
  AND ($origin IS NULL OR f.origin = $origin)
  AND ($column IS NULL OR f.column = $column)
RETURN f.urn AS urn, properties(f) AS finding, c.urn AS columnUrn, labels(c) AS columnLabels, properties(c) AS columnProps
ORDER BY f.urn
LIMIT toInteger($first)

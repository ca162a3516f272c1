// totalCount of list-pii-inventory: the same filters, no page.
MATCH (f:PiiFinding)-[:FLAGS]->(:Column)
WHERE ($namespace IS NULL OR f.namespace = $namespace)
  AND ($category IS NULL OR f.category = $category)
  AND ($origin IS NULL OR f.origin = $origin)
  AND ($column IS NULL OR f.column = $column)
RETURN count(f) AS total

// One page of jobs (PROV plans) in urn order (keyset: urn > $after); filters optional. count-jobs has the same WHERE.
MATCH (j:Job)
WHERE j.urn > $after
  AND ($namespace IS NULL OR j.namespace = $namespace)
  AND ($kind IS NULL OR j.kind = $kind)
  AND ($name IS NULL OR toLower(j.name) = $name)
  AND ($text IS NULL OR toLower(coalesce(j.name, '')) CONTAINS $text OR toLower(coalesce(j.description, '')) CONTAINS $text)
RETURN j.urn AS urn, labels(j) AS labels, properties(j) AS props
ORDER BY j.urn
LIMIT toInteger($first)

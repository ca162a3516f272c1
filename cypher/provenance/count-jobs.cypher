// totalCount of list-jobs: the same filters, no page.
MATCH (j:Job)
WHERE ($namespace IS NULL OR j.namespace = $namespace)
  AND ($kind IS NULL OR j.kind = $kind)
  AND ($name IS NULL OR toLower(j.name) = $name)
  AND ($text IS NULL OR toLower(coalesce(j.name, '')) CONTAINS $text OR toLower(coalesce(j.description, '')) CONTAINS $text)
RETURN count(j) AS total

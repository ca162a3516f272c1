// totalCount of list-jobs: the same filters, no page.
MATCH (j:Job)
WHERE ($namespace IS NULL OR j.namespace = $namespace)
  AND ($kind IS NULL OR j.kind = $kind)
  AND ($name IS NULL OR toLower(j.name) = $name)
  AND ($text IS NULL OR toLower(coalesce(j.name, '')) CONTAINS $text OR toLower(coalesce(j.description, '')) CONTAINS $text)
  // A key limited to namespaces ($namespaces) sees the jobs src/auth/visibility.ts admits: OpenLineage jobs of its
  // namespaces, the dbt jobs of its dbt namespaces, workflow jobs under the `bio` scope.
  AND ($namespaces IS NULL OR CASE
    WHEN j.urn STARTS WITH 'urn:ol:job:' OR j.urn STARTS WITH 'urn:ol:dataset:' THEN j.namespace IN $namespaces
    WHEN j.urn STARTS WITH 'urn:dbt:' THEN split(j.urn, ':')[2] IN $namespaces
    WHEN j.urn STARTS WITH 'urn:ol:' OR j.urn STARTS WITH 'urn:helix:' THEN false
    ELSE 'bio' IN $namespaces END)
RETURN count(j) AS total

// The queue's view, newest first: every Ingestion record, filtered by status and kind; keyset-paged on
// (queuedAt or startedAt, id) so records added meanwhile never shift a page.
MATCH (i:Ingestion)
WHERE ($status IS NULL OR i.status IN $status) AND ($kind IS NULL OR i.kind IN $kind)
  // A key limited to namespaces ($namespaces) sees ingestions of them (src/auth/visibility.ts ingestionNamespace):
  // dbt ingestions of its namespaces, bio and workflow kinds under `bio`; OpenLineage files: keys of every namespace.
  AND ($namespaces IS NULL OR CASE
    WHEN i.kind = 'dbt' THEN i.namespace IN $namespaces
    WHEN i.kind = 'openlineage' OR i.kind IS NULL THEN false
    ELSE 'bio' IN $namespaces END)
WITH i, coalesce(i.queuedAt, i.startedAt).epochMillis AS at
WHERE $afterAt IS NULL OR at < $afterAt OR (at = $afterAt AND i.id < $afterId)
RETURN i.urn AS urn, at
ORDER BY at DESC, i.id DESC
LIMIT toInteger($limit)

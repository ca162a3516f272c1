// API keys (hashes) and audit events are never exported: they are for admins, exports for viewers. Capsule read
// models neither: derived from the graph, rebuilt by start-up (src/db/read-models.ts).
// Helix's bookkeeping nodes outside the :Node graph (HelixMeta, HelixMigration, SqlLineageCache), exported only on
// request (--internal). They have no urn: one is made from their label and key. History (NodeVersion, EdgeVersion:
// closed elements and earlier content) is never exported: exports are the graph as it is.
MATCH (n)
WHERE NOT n:Node AND NOT n:NodeVersion AND NOT n:EdgeVersion AND NOT n:ApiKey AND NOT n:AuditEvent AND NOT n:CapsuleReadModel
RETURN 'urn:helix:internal:' + toLower(head(labels(n))) + ':' + toString(coalesce(n.id, n.name, n.key, elementId(n))) AS urn,
       labels(n) AS labels, CASE WHEN $properties THEN properties(n) ELSE {} END AS props
ORDER BY urn

// API keys (hashes) and audit events are never exported: they are for admins, exports for viewers. Capsule read
// models neither: derived from the graph, rebuilt by start-up (src/db/read-models.ts).
// The property keys and value types of the bookkeeping nodes outside the :Node graph (see list-property-types).
MATCH (n)
WHERE NOT n:Node AND NOT n:NodeVersion AND NOT n:EdgeVersion AND NOT n:ApiKey AND NOT n:AuditEvent AND NOT n:CapsuleReadModel
UNWIND keys(n) AS key
WITH DISTINCT key, valueType(n[key]) AS type
RETURN 'node' AS element, key, collect(type) AS types
ORDER BY key

// API keys (hashes) and audit events are never exported: they are for admins, exports for viewers. Capsule read
// models neither: derived from the graph, rebuilt by start-up (src/db/read-models.ts).
// How many of Helix's bookkeeping nodes outside the :Node graph an --internal export adds.
MATCH (n)
WHERE NOT n:Node AND NOT n:NodeVersion AND NOT n:EdgeVersion AND NOT n:ApiKey AND NOT n:AuditEvent AND NOT n:CapsuleReadModel
RETURN count(n) AS nodes

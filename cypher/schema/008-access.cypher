// Access control (src/auth): API keys by id (never by secret: only its hash is stored), audit events by time and actor.
CREATE CONSTRAINT api_key_id IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.id IS UNIQUE;
CREATE CONSTRAINT audit_event_id IF NOT EXISTS FOR (e:AuditEvent) REQUIRE e.id IS UNIQUE;
CREATE INDEX audit_event_at IF NOT EXISTS FOR (e:AuditEvent) ON (e.at);
CREATE INDEX audit_event_actor IF NOT EXISTS FOR (e:AuditEvent) ON (e.actor)

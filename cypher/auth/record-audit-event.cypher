// One audit event: who (key id, token, oidc:<sub>, cli) did what to which urns, when, how it ended.
CREATE (e:AuditEvent {
  id: randomUUID(), at: datetime(), actor: $actor, action: $action, targets: $targets,
  outcome: $outcome, requestId: $requestId, detailsJson: $detailsJson
})
RETURN e.id AS id, toString(e.at) AS at

// The audit trail, newest first, filtered; paged by (at, id) after the cursor's event.
MATCH (e:AuditEvent)
WHERE ($actor IS NULL OR e.actor = $actor)
  AND ($action IS NULL OR e.action = $action)
  AND ($target IS NULL OR $target IN e.targets)
  AND ($since IS NULL OR e.at >= datetime($since))
  AND ($until IS NULL OR e.at <= datetime($until))
  AND ($afterAt IS NULL OR e.at < datetime($afterAt) OR (e.at = datetime($afterAt) AND e.id < $afterId))
RETURN e.id AS id, toString(e.at) AS at, e.actor AS actor, e.action AS action, e.targets AS targets,
       e.outcome AS outcome, e.requestId AS requestId, e.detailsJson AS detailsJson
ORDER BY e.at DESC, e.id DESC
LIMIT toInteger($limit)

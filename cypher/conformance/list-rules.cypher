// Rules as the last evaluation recorded them (enabled flag, severity, category, scope).
MATCH (r:Rule)
RETURN r.id AS id, r.category AS category, r.severity AS severity, r.scope AS scope, r.enabled AS enabled
ORDER BY r.id

// Jobs named $name (in $namespace when given): jobs of that exact name first, owned before referenced ones. The
// caller takes the first it may see (namespace scoping), so more than one is returned.
MATCH (j:Job)
WHERE j.name = $name AND ($namespace IS NULL OR j.namespace = $namespace)
RETURN j.urn AS urn, labels(j) AS labels, properties(j) AS props
ORDER BY CASE WHEN j.reference IS NULL THEN 0 ELSE 1 END, j.urn
LIMIT 200

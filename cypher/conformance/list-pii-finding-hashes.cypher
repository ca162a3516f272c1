// Stored findings of a namespace (all when $namespace is null) with their content hash: refreshPii writes only
// what changed and deletes what is no longer found.
MATCH (f:PiiFinding)
WHERE $namespace IS NULL OR f.namespace = $namespace
RETURN f.urn AS urn, f.contentHash AS contentHash

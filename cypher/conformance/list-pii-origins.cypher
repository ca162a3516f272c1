// Stored origins (DECLARED / DETECTED, not pseudonymous) of other namespaces than $namespace: PII of an upstream
// project flows into this one. Refreshing a namespace recomputes its own origins and reads the others' from here.
MATCH (f:PiiFinding)
WHERE f.origin IN ['DECLARED', 'DETECTED'] AND NOT coalesce(f.pseudonymous, false)
  AND ($namespace IS NULL OR f.namespace IS NULL OR f.namespace <> $namespace)
RETURN f.column AS column, f.category AS category, f.origin AS origin

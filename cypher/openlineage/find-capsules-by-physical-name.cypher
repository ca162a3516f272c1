// OpenLineage datasets join the dbt capsule of the same physical table instead of duplicating it.
UNWIND $names AS name
MATCH (c:Capsule {physicalName: name})
WHERE c.reference IS NULL
RETURN name, collect(c.urn) AS urns

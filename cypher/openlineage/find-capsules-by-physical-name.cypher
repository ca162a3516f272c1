// OpenLineage datasets join the dbt capsule of the same physical table instead of duplicating it; a capsule this
// graph owns is preferred to a stub that another project's manifest only points at.
UNWIND $names AS name
MATCH (c:Capsule {physicalName: name})
WITH name, c ORDER BY c.reference IS NULL DESC, c.urn
WITH name, collect(c) AS capsules
WITH name, [c IN capsules WHERE c.reference IS NULL] AS owned, capsules
RETURN name, CASE WHEN size(owned) > 0 THEN [c IN owned | c.urn] ELSE [c IN capsules | c.urn] END AS urns

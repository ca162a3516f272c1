// Writes PII findings: one node per (column, category), FLAGS its column. Rows of columns that vanished meanwhile
// are skipped (MATCH), never created dangling.
UNWIND $rows AS row
MATCH (c:Column {urn: row.column})
MERGE (f:PiiFinding {urn: row.urn})
SET f.column = row.column, f.category = row.category, f.origin = row.origin, f.evidence = row.evidence,
  f.namespace = row.namespace, f.reason = row.reason, f.pseudonymous = row.pseudonymous,
  f.contentHash = row.contentHash, f.updatedAt = datetime()
MERGE (f)-[:FLAGS]->(c)
RETURN count(f) AS written

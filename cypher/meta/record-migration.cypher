MERGE (m:HelixMigration {name: $name})
ON CREATE SET m.appliedAt = datetime(), m.checksum = $checksum
ON MATCH SET m.checksum = $checksum, m.reappliedAt = datetime()
WITH count(m) AS applied
MERGE (s:HelixMeta {id: 'schema'})
SET s.version = $version, s.updatedAt = datetime()
RETURN s.version AS version

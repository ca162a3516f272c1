// The migration files applied so far and the checksum each had then.
MATCH (m:HelixMigration)
RETURN m.name AS name, m.checksum AS checksum

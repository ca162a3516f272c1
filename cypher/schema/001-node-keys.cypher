// Every graph node carries :Node and a globally unique urn (DataHub-style global ids); the writer MERGEs on it.
CREATE CONSTRAINT node_urn IF NOT EXISTS FOR (n:Node) REQUIRE n.urn IS UNIQUE;
CREATE INDEX node_ingest_scope IF NOT EXISTS FOR (n:Node) ON (n.ingestScope);
CREATE CONSTRAINT meta_id IF NOT EXISTS FOR (m:HelixMeta) REQUIRE m.id IS UNIQUE;
CREATE CONSTRAINT migration_name IF NOT EXISTS FOR (m:HelixMigration) REQUIRE m.name IS UNIQUE

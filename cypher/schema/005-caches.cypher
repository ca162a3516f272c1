CREATE CONSTRAINT sql_lineage_cache_key IF NOT EXISTS FOR (c:SqlLineageCache) REQUIRE c.key IS UNIQUE;
CREATE INDEX sql_lineage_cache_scope IF NOT EXISTS FOR (c:SqlLineageCache) ON (c.scope)

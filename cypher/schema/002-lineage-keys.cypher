CREATE CONSTRAINT capsule_urn IF NOT EXISTS FOR (n:Capsule) REQUIRE n.urn IS UNIQUE;
CREATE CONSTRAINT column_urn IF NOT EXISTS FOR (n:Column) REQUIRE n.urn IS UNIQUE;
CREATE CONSTRAINT test_urn IF NOT EXISTS FOR (n:Test) REQUIRE n.urn IS UNIQUE;
CREATE CONSTRAINT test_result_urn IF NOT EXISTS FOR (n:TestResult) REQUIRE n.urn IS UNIQUE;
CREATE CONSTRAINT run_result_urn IF NOT EXISTS FOR (n:RunResult) REQUIRE n.urn IS UNIQUE;
CREATE CONSTRAINT owner_urn IF NOT EXISTS FOR (n:Owner) REQUIRE n.urn IS UNIQUE;
CREATE CONSTRAINT tag_urn IF NOT EXISTS FOR (n:Tag) REQUIRE n.urn IS UNIQUE;
CREATE CONSTRAINT domain_urn IF NOT EXISTS FOR (n:Domain) REQUIRE n.urn IS UNIQUE;
CREATE CONSTRAINT data_product_urn IF NOT EXISTS FOR (n:DataProduct) REQUIRE n.urn IS UNIQUE;
CREATE CONSTRAINT group_urn IF NOT EXISTS FOR (n:Group) REQUIRE n.urn IS UNIQUE;
CREATE CONSTRAINT ingestion_urn IF NOT EXISTS FOR (n:Ingestion) REQUIRE n.urn IS UNIQUE;
CREATE INDEX capsule_physical_name IF NOT EXISTS FOR (n:Capsule) ON (n.physicalName);
CREATE INDEX capsule_namespace IF NOT EXISTS FOR (n:Capsule) ON (n.namespace);
CREATE INDEX capsule_name IF NOT EXISTS FOR (n:Capsule) ON (n.name);
CREATE INDEX capsule_resource_type IF NOT EXISTS FOR (n:Capsule) ON (n.resourceType);
CREATE INDEX column_capsule IF NOT EXISTS FOR (n:Column) ON (n.capsuleUrn)

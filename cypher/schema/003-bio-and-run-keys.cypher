CREATE CONSTRAINT gene_urn IF NOT EXISTS FOR (n:Gene) REQUIRE n.urn IS UNIQUE;
CREATE CONSTRAINT protein_urn IF NOT EXISTS FOR (n:Protein) REQUIRE n.urn IS UNIQUE;
CREATE CONSTRAINT annotation_urn IF NOT EXISTS FOR (n:Annotation) REQUIRE n.urn IS UNIQUE;
CREATE CONSTRAINT annotation_source_urn IF NOT EXISTS FOR (n:AnnotationSource) REQUIRE n.urn IS UNIQUE;
CREATE CONSTRAINT alignment_urn IF NOT EXISTS FOR (n:Alignment) REQUIRE n.urn IS UNIQUE;
CREATE CONSTRAINT mutation_urn IF NOT EXISTS FOR (n:Mutation) REQUIRE n.urn IS UNIQUE;
CREATE CONSTRAINT job_urn IF NOT EXISTS FOR (n:Job) REQUIRE n.urn IS UNIQUE;
CREATE CONSTRAINT run_urn IF NOT EXISTS FOR (n:Run) REQUIRE n.urn IS UNIQUE;
CREATE CONSTRAINT dataset_urn IF NOT EXISTS FOR (n:Dataset) REQUIRE n.urn IS UNIQUE;
CREATE CONSTRAINT agent_urn IF NOT EXISTS FOR (n:Agent) REQUIRE n.urn IS UNIQUE;
CREATE INDEX gene_symbol IF NOT EXISTS FOR (n:Gene) ON (n.symbol);
CREATE INDEX protein_accession IF NOT EXISTS FOR (n:Protein) ON (n.accession);
CREATE INDEX run_status IF NOT EXISTS FOR (n:Run) ON (n.status);
CREATE INDEX run_started IF NOT EXISTS FOR (n:Run) ON (n.startedAt);
CREATE INDEX dataset_physical_name IF NOT EXISTS FOR (n:Dataset) ON (n.physicalName)

// PII findings (src/services/conformance/pii): one node per (column, category), keyed by urn; refreshed per namespace.
CREATE CONSTRAINT pii_finding_urn IF NOT EXISTS FOR (f:PiiFinding) REQUIRE f.urn IS UNIQUE;
CREATE INDEX pii_finding_namespace IF NOT EXISTS FOR (f:PiiFinding) ON (f.namespace);
CREATE INDEX pii_finding_column IF NOT EXISTS FOR (f:PiiFinding) ON (f.column)

// Conformance: rules, their violations (keyed by rule + subject) and evaluations.
CREATE CONSTRAINT rule_urn IF NOT EXISTS FOR (n:Rule) REQUIRE n.urn IS UNIQUE;
CREATE CONSTRAINT violation_urn IF NOT EXISTS FOR (n:Violation) REQUIRE n.urn IS UNIQUE;
CREATE CONSTRAINT conformance_evaluation_urn IF NOT EXISTS FOR (n:ConformanceEvaluation) REQUIRE n.urn IS UNIQUE;
CREATE INDEX violation_rule IF NOT EXISTS FOR (n:Violation) ON (n.ruleId);
CREATE INDEX violation_subject IF NOT EXISTS FOR (n:Violation) ON (n.subjectUrn);
CREATE INDEX violation_namespace IF NOT EXISTS FOR (n:Violation) ON (n.namespace);
CREATE INDEX violation_status IF NOT EXISTS FOR (n:Violation) ON (n.status)

/** The vocabulary of conformance rules (docs/conformance.md). */
export const CATEGORIES = ['naming', 'documentation', 'testing', 'ownership', 'lineage', 'pii', 'architecture', 'bio', 'provenance'] as const;
export const SEVERITIES = ['critical', 'error', 'warning', 'info'] as const;
/** What a rule judges; each scope is one label (column: the columns of the namespace's capsules). */
export const SCOPES = ['capsule', 'model', 'source', 'exposure', 'column', 'test', 'gene', 'annotation', 'run'] as const;
export const VIOLATION_STATUSES = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED', 'FALSE_POSITIVE'] as const;

export type Category = (typeof CATEGORIES)[number];
export type Severity = (typeof SEVERITIES)[number];
export type Scope = (typeof SCOPES)[number];
export type ViolationStatus = (typeof VIOLATION_STATUSES)[number];

/** How far a change reaches for incremental evaluation: the subject itself, or also its lineage neighbours. */
export type Reach = 'self' | 'lineage';

export interface Rule {
  id: string;
  name: string;
  description: string;
  category: Category;
  severity: Severity;
  scope: Scope;
  enabled: boolean;
  params: Record<string, unknown>;
  remediation: string;
  /** 'builtin' for rules shipped with Helix, else the rule-set file that defined it. */
  origin: string;
  reach: Reach;
  /** Built-ins: the registry name of the Cypher file; user rules: their Cypher text. */
  query: { kind: 'named'; name: string } | { kind: 'text'; text: string; file: string };
}

/** One failing subject, as every rule query returns it. */
export interface Finding {
  subject: string;
  message: string;
  evidence: string[];
}

/** Severity order, most severe first (for --fail-on). */
export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

import { PII_RULES } from './pii/pii-rules.js';
import type { Rule } from './rule-types.js';

type BuiltinRule = Omit<Rule, 'enabled' | 'origin' | 'query'> & { enabled?: boolean };

/**
 * The rules shipped with Helix: metadata here, the judgement in cypher/conformance/rules/<id with dashes>.cypher
 * (read-only; `$namespace`, `$subjects`, `$params` in, one row per failing subject out). Exact meanings are in
 * docs/conformance.md; a rule set (helix.rules.yml) may disable or re-parameterise any of them.
 */
const BUILTINS: BuiltinRule[] = [
  {
    id: 'doc.model-description',
    name: 'Models are described',
    description: "An enabled dbt model of the project's own package has a non-blank description.",
    category: 'documentation',
    severity: 'warning',
    scope: 'model',
    params: {},
    remediation: 'Add a `description:` to the model in its properties YAML.',
    reach: 'self',
  },
  {
    id: 'test.primary-key',
    name: 'Models have a primary key test',
    description:
      "An enabled dbt model of the project's own package has one column with both a unique and a not_null test, a unique_combination_of_columns test, or a primary_key constraint.",
    category: 'testing',
    severity: 'error',
    scope: 'model',
    params: {},
    remediation: 'Add `unique` and `not_null` tests to the key column (or dbt_utils.unique_combination_of_columns, or a primary_key constraint).',
    reach: 'self',
  },
  {
    id: 'naming.layer-prefix',
    name: 'Model names carry their layer prefix',
    description: "A model of the project's own package whose layer has prefixes starts with one of them.",
    category: 'naming',
    severity: 'warning',
    scope: 'model',
    params: {
      prefixes: { staging: ['stg_'], intermediate: ['int_'], marts: ['fct_', 'dim_'], reporting: ['rpt_'], bronze: ['bronze_', 'raw_'], silver: ['silver_'], gold: ['gold_'] },
    },
    remediation: 'Rename the model (or move it to the folder of its layer).',
    reach: 'self',
  },
  {
    id: 'doc.column-description',
    name: 'Columns are described',
    description: "A documented column of a model of the project's own package has a non-blank description.",
    category: 'documentation',
    severity: 'info',
    scope: 'column',
    params: { resourceTypes: ['model'] },
    remediation: 'Add a `description:` to the column in the properties YAML.',
    reach: 'self',
  },
  {
    id: 'ownership.model-owner',
    name: 'Models have an owner',
    description: "A model of the project's own package has an owner (meta.owner, a group with an owner, or OWNED_BY).",
    category: 'ownership',
    severity: 'warning',
    scope: 'model',
    params: {},
    remediation: 'Set `meta.owner`, put the model in a group with an owner, or call setOwner.',
    reach: 'self',
  },
  {
    id: 'lineage.layer-order',
    name: 'Lineage follows the layers',
    description: 'No model reads a model of a later layer; marts (and later) never read sources directly.',
    category: 'lineage',
    severity: 'error',
    scope: 'model',
    params: {
      rank: { bronze: 1, staging: 1, silver: 2, intermediate: 2, gold: 3, marts: 3, reporting: 4 },
      noDirectSources: ['intermediate', 'marts', 'reporting', 'silver', 'gold'],
    },
    remediation: 'Read the source through a staging model; move shared logic to an earlier layer.',
    reach: 'lineage',
  },
  {
    id: 'lineage.orphan-model',
    name: 'Models are used',
    description: "A model of the project's own package has a downstream capsule (model, exposure, metric, ...).",
    category: 'lineage',
    severity: 'info',
    scope: 'model',
    params: { exemptTags: [] },
    remediation: 'Declare the exposure that uses it, or remove the model.',
    reach: 'lineage',
  },
  {
    id: 'lineage.deprecated-upstream',
    name: 'No deprecated upstreams',
    description: 'A capsule reads no model whose deprecation_date has passed.',
    category: 'lineage',
    severity: 'warning',
    scope: 'capsule',
    params: {},
    remediation: 'Move to the replacement of the deprecated model (often its newer version).',
    reach: 'lineage',
  },
  {
    id: 'architecture.public-exposure',
    name: 'Exposures use public models',
    description: 'Exposures depend only on `access: public` models (models without access, before dbt 1.5, are exempt).',
    category: 'architecture',
    severity: 'error',
    scope: 'exposure',
    params: {},
    remediation: 'Make the model public (with a contract) or expose a public model instead.',
    reach: 'lineage',
  },
  {
    id: 'test.failing',
    name: 'Tests pass',
    description: 'The latest result of every test on the capsule is not a failure.',
    category: 'testing',
    severity: 'error',
    scope: 'capsule',
    params: { statuses: ['fail', 'error', 'warn'] },
    remediation: 'Fix the data or the test; the violation resolves with the next passing run.',
    reach: 'self',
  },
  {
    id: 'freshness.source-stale',
    name: 'Sources are fresh',
    description: 'The latest freshness result of a source is neither warn nor error.',
    category: 'testing',
    severity: 'warning',
    scope: 'source',
    params: { statuses: ['warn', 'error'] },
    remediation: 'Check the loader of the source; adjust freshness thresholds if they are wrong.',
    reach: 'self',
  },
  {
    id: 'bio.annotation-stale',
    name: 'Gene annotations are recent',
    description: 'The newest annotation release of each source of a gene is at most maxAgeDays old.',
    category: 'bio',
    severity: 'warning',
    scope: 'gene',
    params: { maxAgeDays: 365, sources: null },
    remediation: 'Ingest a newer release of the annotation source.',
    reach: 'self',
  },
  {
    id: 'provenance.run-io',
    name: 'Completed runs record their inputs and outputs',
    description: 'A completed Run records at least one input (USED) and one output (WAS_GENERATED_BY).',
    category: 'provenance',
    severity: 'warning',
    scope: 'run',
    params: {},
    remediation: 'Emit inputs/outputs in the OpenLineage events (or the workflow record) of the run.',
    reach: 'self',
  },
];

/** The PII rules (src/services/conformance/pii/pii-rules.ts): PII findings move along column lineage. */
for (const { enabled, cypher: _query, ...rule } of PII_RULES) {
  BUILTINS.push({ ...rule, enabled, params: { ...rule.params }, reach: 'lineage' });
}

export function ruleQueryName(id: string): string {
  return `conformance/rules/${id.replace(/\./g, '-')}`;
}

/** Fresh copies: callers may re-parameterise them. */
export function builtinRules(): Rule[] {
  return BUILTINS.map((r) => ({
    ...r,
    enabled: r.enabled ?? true,
    params: structuredClone(r.params),
    origin: 'builtin',
    query: { kind: 'named', name: ruleQueryName(r.id) },
  }));
}

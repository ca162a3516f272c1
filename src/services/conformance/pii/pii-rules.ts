/**
 * Registry entries of the PII rules (merged into the conformance rule registry by the rules engine). Each Cypher
 * rule follows the rule contract: read-only, takes $namespace, $subjects, $params, returns subject/message/evidence
 * per failing subject. The findings it reads are written by refreshPii, which evaluation runs first.
 */
export const PII_RULES = [
  {
    id: 'pii.untagged',
    name: 'PII column without a pii tag or meta',
    description:
      'A column that Helix detected as personal data (from its name, type or description) or that personal data ' +
      'flows into along column lineage, but that carries no pii declaration (dbt meta such as `pii: true` / ' +
      '`pii_type`, or a `pii` / `pii:<category>` tag). docs/pii.md lists the declarations that count.',
    category: 'pii',
    severity: 'warning',
    scope: 'column',
    enabled: true,
    params: {
      /** Also fail pseudonymised columns (`email_hash`); GDPR still counts them as personal data. */
      includePseudonymous: false,
      /** Only these PII categories (email, phone, name, address, birth_date, national_id, ip, payment, health, genetic, other); null = all. */
      categories: null as string[] | null,
    },
    remediation:
      "Declare the column in the model's YAML: `meta: {pii: true, pii_type: <category>}` or `tags: ['pii:<category>']` " +
      '(or `meta: {pii: false}` if it is not personal data); re-ingest the manifest.',
    cypher: 'conformance/rules/pii-untagged',
  },
] as const;

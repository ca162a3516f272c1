import type { Role } from '../auth/roles.js';

/**
 * What a caller needs for each root field of the schema (docs/security.md), in one table next to the SDL:
 * - `role`: the least role (viewer < editor < admin);
 * - `scope`, what a key limited to some namespaces gets:
 *   - `namespaced`: the answer is cut to the key's namespaces (what lies outside is as absent as a missing node);
 *   - `bio`: genes, proteins, alignments and annotation sources, visible with the explicit `bio` scope;
 *   - `neutral`: the answer holds no namespaced data (server info, the rule set);
 *   - `every-namespace`: not cut by namespace yet, so only keys for every namespace may call it (FORBIDDEN for
 *     the others: closed by default rather than leaking).
 * The schema build refuses a root field without a rule (src/graphql/plugins/access-control.ts), and
 * test/unit/src/graphql/root-field-rules.test.ts walks the schema for it.
 */
export type FieldScope = 'namespaced' | 'bio' | 'neutral' | 'every-namespace';

export interface FieldRule {
  role: Role;
  scope: FieldScope;
}

const viewer = (scope: FieldScope): FieldRule => ({ role: 'viewer', scope });
const editor = (scope: FieldScope): FieldRule => ({ role: 'editor', scope });
const admin = (scope: FieldScope): FieldRule => ({ role: 'admin', scope });

export const ROOT_FIELD_RULES: Record<'Query' | 'Mutation' | 'Subscription', Record<string, FieldRule>> = {
  Query: {
    node: viewer('namespaced'),
    nodes: viewer('namespaced'),
    graphInfo: viewer('neutral'),
    ingestion: viewer('namespaced'),
    ingestions: viewer('namespaced'),
    incompleteScopes: viewer('namespaced'),
    gene: viewer('bio'),
    genes: viewer('bio'),
    protein: viewer('bio'),
    alignment: viewer('bio'),
    alignments: viewer('bio'),
    annotationSources: viewer('bio'),
    capsule: viewer('namespaced'),
    column: viewer('namespaced'),
    capsules: viewer('namespaced'),
    search: viewer('namespaced'),
    rules: viewer('neutral'),
    rule: viewer('neutral'),
    violations: viewer('namespaced'),
    conformanceScore: viewer('namespaced'),
    conformanceEvaluation: viewer('namespaced'),
    exportLink: viewer('namespaced'),
    lineage: viewer('namespaced'),
    // Diffs list closed nodes and edges of a namespace, not yet cut by a key's namespaces.
    lineageDiff: viewer('every-namespace'),
    impact: viewer('namespaced'),
    lineagePath: viewer('namespaced'),
    piiInventory: viewer('namespaced'),
    run: viewer('namespaced'),
    runs: viewer('namespaced'),
    job: viewer('namespaced'),
    jobs: viewer('namespaced'),
    provenance: viewer('namespaced'),
    apiKeys: admin('neutral'),
    auditEvents: admin('every-namespace'),
  },
  Mutation: {
    addTag: editor('namespaced'),
    removeTag: editor('namespaced'),
    setOwner: editor('namespaced'),
    setDomain: editor('namespaced'),
    createDataProduct: editor('every-namespace'),
    updateDataProduct: editor('namespaced'),
    addToDataProduct: editor('namespaced'),
    removeFromDataProduct: editor('namespaced'),
    updateViolationStatus: editor('namespaced'),
    startIngestion: editor('namespaced'),
    cancelIngestion: editor('namespaced'),
    evaluateConformance: admin('every-namespace'),
    createApiKey: admin('every-namespace'),
    revokeApiKey: admin('every-namespace'),
  },
  Subscription: {
    runUpdated: viewer('namespaced'),
    ingestionProgress: viewer('namespaced'),
    conformanceProgress: viewer('namespaced'),
  },
};

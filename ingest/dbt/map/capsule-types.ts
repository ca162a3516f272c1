import { columnUrn, dbtUrn } from '../../common/urns.js';

export { columnUrn, dbtUrn };
/** Resource types that become Capsule nodes, with their second label. */
export const CAPSULE_LABELS: Readonly<Record<string, string>> = {
  model: 'Model',
  source: 'Source',
  seed: 'Seed',
  snapshot: 'Snapshot',
  exposure: 'Exposure',
  metric: 'Metric',
  semantic_model: 'SemanticModel',
  saved_query: 'SavedQuery',
  analysis: 'Analysis',
};

export function isCapsuleType(resourceType: string): boolean {
  return Object.hasOwn(CAPSULE_LABELS, resourceType);
}

/** Capsules that are relations in the warehouse (their columns can feed column lineage). */
export const RELATION_TYPES: ReadonlySet<string> = new Set(['model', 'source', 'seed', 'snapshot']);

export function isTestType(resourceType: string): boolean {
  return resourceType === 'test' || resourceType === 'unit_test';
}


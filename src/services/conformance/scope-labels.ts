import type { Scope } from './rule-types.js';

/** The graph label of each rule scope. */
export const SCOPE_LABELS: Record<Scope, string> = {
  capsule: 'Capsule',
  model: 'Model',
  source: 'Source',
  exposure: 'Exposure',
  column: 'Column',
  test: 'Test',
  gene: 'Gene',
  annotation: 'Annotation',
  run: 'Run',
};

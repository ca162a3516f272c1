import { describe, expect, it } from 'vitest';
import { QueryRegistry } from '../../../../../src/db/registry.js';
import { SCOPE_LABELS } from '../../../../../src/services/conformance/scope-labels.js';

describe('scope labels', () => {
  it('each has its own branch in cypher/conformance/count-scope-subjects.cypher (which names every label instead of a dynamic one)', () => {
    const text = QueryRegistry.load().get('conformance/count-scope-subjects');
    const branches = [...text.matchAll(/WHERE \$label = '(\w+)'/g)].map((m) => m[1]).sort();
    expect(branches).toEqual(Object.values(SCOPE_LABELS).sort());
  });
});

import { describe, expect, it } from 'vitest';
import { ALL_KEYS, modelServes, toTree, type TreePlan } from '../../../../../src/services/metadata/capsule-trees.js';
import { READ_MODEL_KEYS } from '../../../../../src/db/read-models.js';

/** When the planned read may take a capsule's nested lists from its read model (src/db/read-models.ts). */
describe('capsule read model in the planned read', () => {
  const q1Keys = { ...ALL_KEYS, node: ['name', 'uniqueId'], tags: ['name'], tests: ['name'], columns: ['name'], columnTags: ['name'], columnTests: ['name'], upstream: ['name'] };
  const q1: TreePlan = { tags: true, tests: true, owners: false, columns: { tags: true, tests: true }, upstreamFirst: 100, downstreamFirst: 0, keys: q1Keys };

  it('serves a selection of keys it holds, and nothing else', () => {
    expect(modelServes(q1)).toBe(true);
    expect(modelServes({ ...q1, keys: { ...q1Keys, columns: ['name', 'description'] } })).toBe(false); // a long text
    expect(modelServes({ ...q1, keys: { ...q1Keys, columnTests: null } })).toBe(false); // a field reading any property
    expect(modelServes({ ...q1, keys: undefined })).toBe(false);
    expect(modelServes({ ...q1, tags: false, tests: false, columns: null })).toBe(false); // nothing to take from it
    expect(modelServes({ ...q1, keys: { ...q1Keys, tests: [...READ_MODEL_KEYS.tests] } })).toBe(true);
  });

  it('reads the lists from the model when the row carries one, keeping absent values absent', () => {
    const tag = (name: string) => [`urn:tag:${name}`, ['Node', 'Tag'], READ_MODEL_KEYS.tags.map((k) => (k === 'name' ? name : null))];
    const column = ['urn:c#a', ['Node', 'Column'], READ_MODEL_KEYS.columns.map((k) => (k === 'name' ? 'a' : k === 'index' ? 1 : null)), [tag('pii')], []];
    const model = JSON.stringify({ tags: [tag('gold')], tests: [], columns: [column] });
    const tree = toTree({ urn: 'urn:c', labels: ['Node', 'Capsule', 'Model'], props: ['c', null], model, upstream: [], owners: [] }, q1);
    expect(tree.prefetched.tags).toEqual([{ urn: 'urn:tag:gold', labels: ['Node', 'Tag'], props: { name: 'gold' } }]);
    expect(tree.prefetched.columns).toEqual([
      { urn: 'urn:c#a', labels: ['Node', 'Column'], props: { name: 'a', index: 1 }, prefetched: { tags: [{ urn: 'urn:tag:pii', labels: ['Node', 'Tag'], props: { name: 'pii' } }], tests: [] } },
    ]);
    expect(tree.props).toEqual({ name: 'c' });
  });
});

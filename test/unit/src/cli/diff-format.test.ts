import { describe, expect, it } from 'vitest';
import { formatDiff } from '../../../../src/cli/diff-format.js';
import type { LineageDiff } from '../../../../src/services/history/diff.js';

const diff: LineageDiff = {
  namespace: 'shop',
  from: { at: '2026-12-01T09:00:00.000Z', ingestion: 'a' },
  to: { at: '2026-12-02T09:00:00Z', ingestion: null },
  addedNodes: [{ urn: 'urn:dbt:shop:model.shop.new', type: 'Model' }],
  removedNodes: [{ urn: 'urn:dbt:shop:model.shop.old', type: 'Model' }],
  changedNodes: [{ urn: 'urn:dbt:shop:model.shop.c', type: 'Model', changedFields: ['description', 'owner'] }],
  addedEdges: [{ from: 'urn:dbt:shop:model.shop.c', to: 'urn:dbt:shop:model.shop.new', type: 'FLOWS_TO' }],
  removedEdges: [],
};

describe('helix diff output', () => {
  it('is one line per change, grouped, plain when not on a terminal', () => {
    expect(formatDiff(diff, false)).toBe(
      [
        'lineage of shop: ingestion a (2026-12-01T09:00:00.000Z) -> 2026-12-02T09:00:00Z',
        '',
        'nodes (1 added, 1 removed, 1 changed)',
        '+ Model urn:dbt:shop:model.shop.new',
        '- Model urn:dbt:shop:model.shop.old',
        '~ Model urn:dbt:shop:model.shop.c: description, owner',
        '',
        'edges (1 added, 0 removed)',
        '+ urn:dbt:shop:model.shop.c -[FLOWS_TO]-> urn:dbt:shop:model.shop.new',
        '',
      ].join('\n'),
    );
  });

  it('colours added green and removed red on a terminal', () => {
    const text = formatDiff(diff, true);
    expect(text).toContain('\u001b[32m+ Model urn:dbt:shop:model.shop.new\u001b[0m');
    expect(text).toContain('\u001b[31m- Model urn:dbt:shop:model.shop.old\u001b[0m');
  });

  it('says so when nothing changed', () => {
    expect(formatDiff({ ...diff, addedNodes: [], removedNodes: [], changedNodes: [], addedEdges: [] }, true)).toMatch(/\nno changes\n$/);
  });
});

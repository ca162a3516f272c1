import { describe, expect, it } from 'vitest';
import type { OneWayLineage } from '../../../../../src/services/lineage/expand.js';
import { mergeLineage } from '../../../../../src/services/lineage/merge.js';
import type { Direction, LineageNodeView, LineageRequest } from '../../../../../src/services/lineage/types.js';

const node = (urn: string, distance: number, direction: Direction | null): LineageNodeView => ({
  urn, labels: ['Capsule', 'Model'], name: urn, namespace: 'n', layer: null, resourceType: 'model', capsuleUrn: null, distance, direction,
});
const req = (limit: number): LineageRequest => ({ urn: 'r', direction: 'BOTH', level: 'TABLE', depth: 5, unboundedDepth: false, limit, filter: {} });
const flows = (pairs: string[]) => pairs.map((p) => ({ from: p.split('>')[0]!, to: p.split('>')[1]!, type: 'FLOWS_TO', transformation: null }));

// u2 -> u1 -> r -> d1 -> d2, and d1 -> d3
const up: OneWayLineage = {
  way: 'UPSTREAM', level: 'TABLE', limitHit: false, frontier: [],
  nodes: [node('r', 0, null), node('u1', 1, 'UPSTREAM'), node('u2', 2, 'UPSTREAM')],
  edges: flows(['u1>r', 'u2>u1']),
};
const down: OneWayLineage = {
  way: 'DOWNSTREAM', level: 'TABLE', limitHit: false, frontier: [],
  nodes: [node('r', 0, null), node('d1', 1, 'DOWNSTREAM'), node('d2', 2, 'DOWNSTREAM'), node('d3', 2, 'DOWNSTREAM')],
  edges: flows(['r>d1', 'd1>d2', 'd1>d3']),
};

describe('mergeLineage', () => {
  it('joins both directions with the root first and edges of each side', () => {
    const g = mergeLineage(req(100), [up, down]);
    expect(g.nodes.map((n) => n.urn)).toEqual(['r', 'd1', 'u1', 'd2', 'd3', 'u2']);
    expect(g.edges.map((e) => `${e.from}>${e.to}`)).toEqual(['d1>d2', 'd1>d3', 'r>d1', 'u1>r', 'u2>u1']);
    expect(g).toMatchObject({ truncated: false, truncatedFrontier: [], root: 'r', limit: 100 });
  });

  it('keeps the nearest nodes under the limit and names the nodes whose lineage was cut', () => {
    const g = mergeLineage(req(4), [up, down]);
    expect(g.nodes.map((n) => n.urn)).toEqual(['r', 'd1', 'u1', 'd2']);
    expect(g.truncated).toBe(true);
    expect(g.truncatedFrontier).toEqual(['d1', 'u1']);
    expect(g.edges.map((e) => `${e.from}>${e.to}`)).toEqual(['d1>d2', 'r>d1', 'u1>r']);
  });

  it('passes on the cut reported by an expansion', () => {
    const g = mergeLineage({ ...req(100), direction: 'DOWNSTREAM' }, [{ ...down, limitHit: true, frontier: ['d1', 'gone'] }]);
    expect(g).toMatchObject({ truncated: true, truncatedFrontier: ['d1'] });
  });

  it('walks column lineage against DERIVED_FROM when trimming', () => {
    const cols: OneWayLineage = {
      way: 'DOWNSTREAM', level: 'COLUMN', limitHit: false, frontier: [],
      nodes: [node('c', 0, null), node('c1', 1, 'DOWNSTREAM'), node('e', 2, 'DOWNSTREAM')],
      edges: [
        { from: 'c1', to: 'c', type: 'DERIVED_FROM', transformation: 'identity' },
        { from: 'c1', to: 'e', type: 'FEEDS_EXPOSURE', transformation: null, via: 'k' },
      ],
    };
    const g = mergeLineage({ ...req(2), direction: 'DOWNSTREAM', level: 'COLUMN' }, [cols]);
    expect(g.nodes.map((n) => n.urn)).toEqual(['c', 'c1']);
    expect(g.truncatedFrontier).toEqual(['c1']);
    expect(g.edges).toEqual([{ from: 'c1', to: 'c', type: 'DERIVED_FROM', transformation: 'identity' }]);
  });
});

import { describe, expect, it } from 'vitest';
import { labelFilter, traversal } from '../../../../../src/services/lineage/expand.js';
import { lineageRequest } from '../../../../../src/services/lineage/lineage-service.js';
import { pathRequest } from '../../../../../src/services/lineage/paths.js';

describe('lineage arguments', () => {
  it('default to both directions, table level, unbounded depth (50) and 500 nodes', () => {
    expect(lineageRequest({ urn: 'u' })).toEqual({
      urn: 'u', direction: 'BOTH', level: 'TABLE', depth: 50, unboundedDepth: true, limit: 500, filter: { types: [], excludeTypes: [] },
    });
  });

  it('clamp what is too large and refuse what makes no sense', () => {
    expect(lineageRequest({ urn: 'u', depth: 80, limit: 10 ** 6 })).toMatchObject({ depth: 50, unboundedDepth: false, limit: 5000 });
    expect(() => lineageRequest({ urn: 'u', depth: 0 })).toThrow(/depth must be a positive integer/);
    expect(() => lineageRequest({ urn: 'u', depth: 1.5 })).toThrow(/depth/);
    expect(() => lineageRequest({ urn: 'u', limit: -1 })).toThrow(/limit/);
    expect(() => lineageRequest({ urn: '' })).toThrow(/urn must be a non-empty URN/);
    expect(() => lineageRequest({ urn: 'u', filter: { types: ['Model|+Source'] } })).toThrow(/not a node type name/);
    expect(() => lineageRequest({ urn: 'u#c', level: 'COLUMN', filter: { excludeTypes: ['Seed'] } })).toThrow(/TABLE lineage only/);
  });

  it('map directions onto FLOWS_TO and (reversed) DERIVED_FROM, and filters onto APOC label filters', () => {
    expect(traversal('TABLE', 'DOWNSTREAM').relationshipFilter).toBe('FLOWS_TO>');
    expect(traversal('TABLE', 'UPSTREAM').relationshipFilter).toBe('<FLOWS_TO');
    expect(traversal('COLUMN', 'DOWNSTREAM').relationshipFilter).toBe('<DERIVED_FROM');
    expect(traversal('COLUMN', 'UPSTREAM').relationshipFilter).toBe('DERIVED_FROM>');
    expect(labelFilter({ types: ['Model', 'Source'], excludeTypes: ['Seed'] })).toBe('-Seed|+Model|+Source');
    expect(labelFilter({})).toBe('');
  });

  it('bound paths: 1-10 paths of 1-50 hops between two different nodes', () => {
    expect(pathRequest({ from: 'a', to: 'b' })).toEqual({ from: 'a', to: 'b', level: 'TABLE', maxHops: 10, k: 1 });
    expect(pathRequest({ from: 'a', to: 'b', k: 99, maxHops: 99 })).toMatchObject({ k: 10, maxHops: 50 });
    expect(() => pathRequest({ from: 'a', to: 'a' })).toThrow(/same node/);
    expect(() => pathRequest({ from: 'a', to: 'b', maxHops: 0 })).toThrow(/maxHops/);
  });
});

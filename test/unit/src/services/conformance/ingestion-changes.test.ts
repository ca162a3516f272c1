import { describe, expect, it } from 'vitest';
import { changedUrns, scopePrefixes, type ScopeState } from '../../../../../src/services/conformance/ingestion-changes.js';

const state = (entries: Array<[string, string, string[]]>): ScopeState => new Map(entries.map(([urn, hash, edges]) => [urn, { hash, edges: new Set(edges) }]));

describe('what an ingestion changed', () => {
  it('nodes created, changed, removed; both ends of edges created, changed, removed; nothing else', () => {
    const before = state([
      ['m1', 'h1', ['HAS_COLUMN>m1#a#e1']],
      ['m1#a', 'c1', []],
      ['t1', 't', ['TESTS>m2#e2']],
      ['m2', 'h2', []],
      ['m3', 'h3', ['FLOWS_TO>m4#e3']],
      ['m4', 'h4', []],
      ['same', 's', ['FLOWS_TO>m4#e4']],
    ]);
    const after = state([
      ['m1', 'h1', ['HAS_COLUMN>m1#a#e1']],
      ['m1#a', 'c1-changed', []],
      ['m2', 'h2', []],
      ['m3', 'h3', ['FLOWS_TO>m4#e3-changed']],
      ['m4', 'h4', []],
      ['m5', 'h5', []],
      ['same', 's', ['FLOWS_TO>m4#e4']],
    ]);
    // t1 removed (and with it its TESTS edge to m2), m1#a changed, m3->m4 edge changed, m5 created.
    expect(changedUrns(before, after)).toEqual(['m1#a', 'm2', 'm3', 'm4', 'm5', 't1']);
  });

  it('an unchanged re-ingestion changes nothing', () => {
    const s = state([['a', '1', ['X>b#2']], ['b', '3', []]]);
    expect(changedUrns(s, state([['a', '1', ['X>b#2']], ['b', '3', []]]))).toEqual([]);
  });

  it('scopes of a dbt namespace, or every scope', () => {
    expect(scopePrefixes('dbt', 'shop')).toEqual(['dbt:shop', 'dbt-run:shop:']);
    expect(scopePrefixes('openlineage')).toEqual(['']);
  });
});

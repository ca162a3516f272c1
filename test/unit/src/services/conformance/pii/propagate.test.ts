import { describe, expect, it } from 'vitest';
import { propagate, type Hop } from '../../../../../../src/services/conformance/pii/propagate.js';
import { propagationStop } from '../../../../../../src/services/conformance/pii/propagation-stops.js';

/** An in-memory column lineage: [child, parent, transformation, child name?, child type?]. */
function graph(edges: Array<[string, string, string, string?, string?]>) {
  let calls = 0;
  const hops = async (parents: string[]): Promise<Hop[]> => {
    calls++;
    const set = new Set(parents);
    return edges
      .filter(([, p]) => set.has(p))
      .map(([child, parent, transformation, name, dataType]) => ({ parent, child, transformation, column: { name: name ?? child, dataType } }));
  };
  return { hops, calls: () => calls };
}

const det = (column: string, category: 'email' | 'name' | 'phone') => ({ column, category, declared: false });

describe('propagate', () => {
  it('reaches every downstream column with one shortest path from the nearest origin, one round trip per level', async () => {
    const g = graph([
      ['b', 'a', 'identity'],
      ['c', 'b', 'identity'],
      ['d', 'c', 'expression'],
      ['d', 'x', 'identity'], // x is a second origin: d is one hop from it
      ['e', 'd', 'identity'],
    ]);
    const r = await propagate([det('a', 'email'), det('x', 'email')], g.hops);
    const byColumn = Object.fromEntries(r.reached.map((x) => [x.column, x.evidence]));
    expect(byColumn).toEqual({ b: ['a', 'b'], c: ['a', 'b', 'c'], d: ['x', 'd'], e: ['x', 'd', 'e'] });
    expect(r.levels).toBe(2);
    expect(g.calls()).toBe(3); // one round trip per level (two that reach something, one that finds nothing new), cached across passes
  });

  it('makes a detected column that PII flows into PROPAGATED from the root; declared ones stay origins', async () => {
    const g = graph([
      ['stg_first_name', 'first_name', 'identity'],
      ['mart_first_name', 'stg_first_name', 'identity'],
      ['declared_copy', 'stg_first_name', 'identity'],
      ['after_declared', 'declared_copy', 'identity'],
    ]);
    const r = await propagate(
      [det('first_name', 'name'), det('stg_first_name', 'name'), det('mart_first_name', 'name'), { column: 'declared_copy', category: 'name', declared: true }],
      g.hops,
    );
    const byColumn = Object.fromEntries(r.reached.map((x) => [x.column, x.evidence]));
    expect(byColumn).toEqual({
      stg_first_name: ['first_name', 'stg_first_name'],
      mart_first_name: ['first_name', 'stg_first_name', 'mart_first_name'],
      after_declared: ['declared_copy', 'after_declared'],
    });
  });

  it('keeps detected columns that only feed each other in a cycle as origins', async () => {
    const g = graph([
      ['b', 'a', 'identity'],
      ['a', 'b', 'identity'],
      ['c', 'b', 'identity'],
    ]);
    const r = await propagate([det('a', 'email'), det('b', 'email')], g.hops);
    expect(Object.fromEntries(r.reached.map((x) => [x.column, x.evidence]))).toEqual({ c: ['b', 'c'] });
  });

  it('walks each category separately and picks the smallest parent among equally short paths', async () => {
    const g = graph([
      ['m', 'p2', 'identity'],
      ['m', 'p1', 'identity'],
      ['p1', 'o', 'identity'],
      ['p2', 'o', 'identity'],
    ]);
    const r = await propagate([det('o', 'name'), det('p2', 'phone')], g.hops);
    expect(r.reached.find((x) => x.column === 'm' && x.category === 'name')?.evidence).toEqual(['o', 'p1', 'm']);
    expect(r.reached.find((x) => x.column === 'm' && x.category === 'phone')?.evidence).toEqual(['p2', 'm']);
    expect(r.reached.some((x) => x.column === 'p2' && x.category === 'phone')).toBe(false);
  });

  it('does not flow over value-destroying steps, but reaches the column by another path', async () => {
    const g = graph([
      ['email_count', 'email', 'aggregation', 'email_count', 'bigint'],
      ['email_hash', 'email', 'expression', 'email_hash'],
      ['downstream', 'email_hash', 'identity', 'downstream'],
      ['k', 'email', 'expression', 'customer_key'],
      ['k', 'renamed', 'identity', 'customer_key'],
      ['renamed', 'email', 'identity', 'contact'],
    ]);
    const r = await propagate([det('email', 'email')], g.hops);
    expect(r.reached.map((x) => x.column).sort()).toEqual(['k', 'renamed']);
    expect(r.reached.find((x) => x.column === 'k')?.evidence).toEqual(['email', 'renamed', 'k']);
    expect(r.stopped).toMatchObject({ 'count or measure': 1, hashed: 1, 'surrogate key': 1 });
  });
});

describe('propagationStop', () => {
  const col = (name: string, dataType?: string) => ({ name, dataType });
  it.each<[string, string, string | undefined, string, string | null]>([
    ['identity', 'email_hash', undefined, 'email', null],
    ['identity', 'n_customers', 'bigint', 'name', null],
    ['expression', 'email_hash', undefined, 'email', 'hashed'],
    ['expression', 'customer_sk', undefined, 'email', 'surrogate key'],
    ['aggregation', 'emails', 'bigint', 'email', 'reduced to a number'],
    ['aggregation', 'count_customers', undefined, 'name', 'count or measure'],
    ['aggregation', 'first_email', 'varchar', 'email', null],
    ['expression', 'has_email', 'boolean', 'email', 'count or measure'],
    ['expression', 'email_present', 'boolean', 'email', 'reduced to a flag'],
    ['expression', 'name_len', 'int', 'name', 'count or measure'],
    ['expression', 'full_name', 'varchar', 'name', null],
    ['expression', 'age', 'int', 'birth_date', null],
    ['expression', 'phone_digits', 'bigint', 'phone', null],
    ['aggregation', 'latest_birth_year', 'int', 'birth_date', 'reduced to a number'],
  ])('%s into %s (%s) of %s → %s', (transformation, name, type, category, expected) => {
    expect(propagationStop({ transformation }, col(name, type), category as never)).toBe(expected);
  });

  it('stops at masking transformations and at columns declared not PII', () => {
    expect(propagationStop({ transformation: 'identity', masking: true }, col('email'), 'email')).toBe('masked');
    expect(propagationStop({ transformation: 'expression', subtypes: ['MASKED'] }, col('email'), 'email')).toBe('masked');
    expect(propagationStop({ transformation: 'identity' }, { name: 'email', declaredNotPii: true }, 'email')).toBe('declared not PII');
  });
});

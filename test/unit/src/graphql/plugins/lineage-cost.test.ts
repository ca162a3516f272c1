import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CostMemo, lineageQueryCost } from '../../../../../src/graphql/plugins/lineage-cost.js';
import { buildSchema } from '../../../../../src/graphql/schema.js';

const schema = buildSchema();
const cost = (query: string, variables: Record<string, unknown> = {}) => lineageQueryCost(schema, parse(query), variables);

describe('lineage query cost', () => {
  it('grows with depth and limit, doubles for both directions', () => {
    expect(cost('{ lineage(urn: "u", direction: DOWNSTREAM, depth: 2, limit: 100) { depth } }')).toBe(20);
    expect(cost('{ lineage(urn: "u", direction: DOWNSTREAM, depth: 4, limit: 100) { depth } }')).toBe(40);
    expect(cost('{ lineage(urn: "u", depth: 4, limit: 1000) { depth } }')).toBe(800);
    expect(cost('{ lineage(urn: "u") { depth } }')).toBe(5000); // unbounded depth (50) x default limit (500) x 2
    expect(cost('{ lineage(urn: "u", depth: 9999, limit: 99999) { depth } }')).toBe(50_000); // clamped like the API
  });

  it('reads variables and their defaults', () => {
    const q = 'query($d: Int = 3, $l: Int) { lineage(urn: "u", direction: UPSTREAM, depth: $d, limit: $l) { depth } }';
    expect(cost(q, { l: 100 })).toBe(30);
    expect(cost(q, { d: 10, l: 100 })).toBe(100);
  });

  it('multiplies nested lineage by the parents it is asked for, through fragments and connections', () => {
    expect(cost('{ capsule(urn: "x") { upstream(depth: 2, first: 10) { urn } } }')).toBe(20);
    expect(cost('{ capsules(first: 50) { edges { node { upstream(depth: 2, first: 10) { urn } } } } }')).toBe(50 * 20);
    expect(cost('{ capsules(first: 50) { nodes { ...F } } } fragment F on Capsule { downstream(depth: 2, first: 10) { urn } }')).toBe(50 * 20);
    expect(cost('{ capsules(first: 50) { nodes { ... on Model { columns { upstream(depth: 1, first: 5) { urn } } } } } }')).toBe(50 * 10 * 5);
    const inLineage = '{ lineage(urn: "u", direction: DOWNSTREAM, depth: 1, limit: 10) { nodes { node { ... on Model { upstream(depth: 1, first: 1) { urn } } } } } }';
    expect(cost(inLineage)).toBe(1 + 10 * 1);
  });

  it('charges impact and paths, and nothing for plain fields', () => {
    expect(cost('{ impact(urn: "u") { total } }')).toBe(1000);
    expect(cost('{ lineagePath(from: "a", to: "b", k: 3, maxHops: 5) { length } }')).toBe(150);
    expect(cost('{ capsules(first: 500) { totalCount nodes { name columns { name tags { name } } } } }')).toBe(0);
  });
});

describe('the cost memo', () => {
  it('gives the cost the document walk gives, for repeated and changed variables and operation names', () => {
    const memo = new CostMemo(2);
    const doc = parse(
      'query A($d: Int = 3, $l: Int, $dir: LineageDirection) { lineage(urn: "u", direction: $dir, depth: $d, limit: $l) { depth } } ' +
        'query B($d: Int) { capsule(urn: "x") { upstream(depth: $d, first: 10) { urn } } }',
    );
    const cases: Array<[Record<string, unknown>, string | null | undefined]> = [
      [{ l: 100 }, 'A'],
      [{ l: 100 }, 'A'],
      [{ d: 10, l: 100 }, 'A'],
      [{ l: 100, d: 10 }, 'A'],
      [{ d: 10, l: 100, dir: 'UPSTREAM' }, 'A'],
      [{ d: 10, l: 100, dir: 'UPSTREAM' }, 'A'],
      [{ d: 2 }, 'B'],
      [{ d: 2 }, ''], // no operation named "": nothing to price, unlike null
      [{ d: 2 }, null],
      [{ d: null, l: 100 }, 'A'],
      [{ l: 100 }, 'A'],
      [{ d: 2 }, 'B'],
    ];
    for (const [variables, op] of cases) {
      expect(memo.cost(schema, doc, variables, op), JSON.stringify([variables, op])).toBe(lineageQueryCost(schema, doc, variables, op));
    }
  });

  it('prices without the memo what JSON would not tell apart', () => {
    const memo = new CostMemo();
    const doc = parse('query($d: Int, $l: Int) { lineage(urn: "u", direction: UPSTREAM, depth: $d, limit: $l) { depth } }');
    // Infinity serializes as null: the memo must not answer one with the other's cost.
    expect(memo.cost(schema, doc, { d: null, l: null })).toBe(lineageQueryCost(schema, doc, { d: null, l: null }));
    expect(memo.cost(schema, doc, { d: Infinity, l: Infinity })).toBe(lineageQueryCost(schema, doc, { d: Infinity, l: Infinity }));
    expect(memo.cost(schema, doc, { d: Infinity, l: Infinity })).not.toBe(memo.cost(schema, doc, { d: null, l: null }));
    expect(memo.cost(schema, doc, { d: 3n as unknown, l: 10 })).toBe(lineageQueryCost(schema, doc, { d: 3n as unknown, l: 10 }));
  });

  it('keeps refusing what costs too much when asked again', () => {
    const memo = new CostMemo();
    const doc = parse('query($d: Int) { lineage(urn: "u", depth: $d) { depth } }');
    for (let i = 0; i < 3; i++) expect(memo.cost(schema, doc, { d: 50 })).toBe(5000);
    expect(memo.cost(schema, doc, { d: 1 })).toBe(100);
  });
});

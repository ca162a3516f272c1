import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { expensiveRootFields } from '../../../../src/graphql/expensive-operations.js';

/** Which operations spend the lower budget (#12): read from the parsed document and variables, never from names. */
const classify = (query: string, variables: Record<string, unknown> = {}, operationName?: string) => expensiveRootFields(parse(query), operationName, variables, 5);

describe('expensive operations', () => {
  it('impact, lineagePath and exportLink always; lineage only deeper than the threshold or without a depth', () => {
    expect(classify('{ impact(urn: "u") { total } }')).toEqual(['impact']);
    expect(classify('{ lineagePath(from: "a", to: "b") { length } }')).toEqual(['lineagePath']);
    expect(classify('{ exportLink(format: GRAPHML) { url } }')).toEqual(['exportLink']);
    expect(classify('{ lineage(urn: "u", depth: 5) { depth } }')).toEqual([]);
    expect(classify('{ lineage(urn: "u", depth: 6) { depth } }')).toEqual(['lineage']);
    expect(classify('{ lineage(urn: "u") { depth } }')).toEqual(['lineage']);
  });

  it('evaluateConformance and startIngestion among mutations; metadata mutations and plain queries are not', () => {
    expect(classify('mutation { evaluateConformance { id } }')).toEqual(['evaluateConformance']);
    expect(classify('mutation { startIngestion(input: { kind: "dbt", path: "p" }) { id } }')).toEqual(['startIngestion']);
    expect(classify('mutation { addTag(urn: "u", tag: "t") { urn } }')).toEqual([]);
    expect(classify('{ graphInfo { graphVersion } node(id: "u") { id } }')).toEqual([]);
  });

  it('reads depths from variables and their defaults, and follows aliases and fragments', () => {
    expect(classify('query($d: Int) { lineage(urn: "u", depth: $d) { depth } }', { d: 2 })).toEqual([]);
    expect(classify('query($d: Int) { lineage(urn: "u", depth: $d) { depth } }', { d: 20 })).toEqual(['lineage']);
    expect(classify('query($d: Int = 30) { lineage(urn: "u", depth: $d) { depth } }')).toEqual(['lineage']);
    expect(classify('query($d: Int = 30) { lineage(urn: "u", depth: $d) { depth } }', { d: 1 })).toEqual([]);
    expect(classify('{ a: impact(urn: "u") { total } b: impact(urn: "v") { total } }')).toEqual(['impact', 'impact']);
    expect(classify('fragment F on Query { impact(urn: "u") { total } } { ... on Query { ...F } }')).toEqual(['impact']);
  });

  it('ignores the operation name: a cheap operation called Impact is cheap, and the other way round', () => {
    expect(classify('query Impact { graphInfo { graphVersion } }', {}, 'Impact')).toEqual([]);
    const doc = 'query Cheap { graphInfo { graphVersion } } query Costly { impact(urn: "u") { total } }';
    expect(classify(doc, {}, 'Cheap')).toEqual([]);
    expect(classify(doc, {}, 'Costly')).toEqual(['impact']);
  });
});

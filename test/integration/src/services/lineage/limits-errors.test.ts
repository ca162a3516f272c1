import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode } from '../../../../../ingest/core/graph.js';
import { writeGraph } from '../../../../../src/ingestion/writer.js';
import type { HelixContext } from '../../../../../src/app/context.js';
import { openTestHelix, resetGraph } from '../../../../support/graph.js';
import { graphqlClient, strictClient } from './helpers.js';

let helix: HelixContext;
let gql: ReturnType<typeof strictClient>;
let raw: ReturnType<typeof graphqlClient>;

/** A chain of 60 models (deeper than the maximum depth) plus 520 loose ones (more than a page). */
const CHAIN = 60;
const urn = (i: number) => `urn:dbt:c:model.c.m${String(i).padStart(3, '0')}`;

beforeAll(async () => {
  helix = await openTestHelix();
  await resetGraph(helix);
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for (let i = 0; i < CHAIN + 520; i++) nodes.push({ urn: urn(i), labels: ['Capsule', 'Model'], props: { name: `m${i}`, namespace: 'c' } });
  for (let i = 1; i < CHAIN; i++) edges.push({ type: 'FLOWS_TO', from: urn(i - 1), to: urn(i) });
  nodes.push({ urn: `${urn(0)}#id`, labels: ['Column'], props: { name: 'id' } });
  await writeGraph(helix.exec, { nodes, edges, issues: [] }, { scope: 'test:limits', deleteMissing: false });
  gql = strictClient(helix);
  raw = graphqlClient(helix);
});
afterAll(async () => helix?.close());

const LINEAGE = `query($urn: ID!, $depth: Int, $limit: Int, $level: LineageLevel, $filter: LineageFilter) {
  lineage(urn: $urn, direction: DOWNSTREAM, depth: $depth, limit: $limit, level: $level, filter: $filter) {
    depth limit truncated truncatedFrontier nodes { urn distance }
  }
}`;

describe('depth', () => {
  it('without a depth, lineage deeper than the maximum is reported as truncated at the last level', async () => {
    const { lineage } = await gql(LINEAGE, { urn: urn(0) });
    expect(lineage.depth).toBe(50);
    expect(lineage.nodes).toHaveLength(51);
    expect(lineage.truncated).toBe(true);
    expect(lineage.truncatedFrontier).toEqual([urn(50)]);
  });

  it('is clamped to 50 when asked for more, and then deeper lineage is simply out of range', async () => {
    const { lineage } = await gql(LINEAGE, { urn: urn(0), depth: 500, limit: 100_000 });
    expect(lineage).toMatchObject({ depth: 50, limit: 5000, truncated: false, truncatedFrontier: [] });
    expect(lineage.nodes.at(-1)).toEqual({ urn: urn(50), distance: 50 });
    const nested = await gql(`{ capsule(urn: "${urn(0)}") { downstream(depth: 99, first: 1000) { urn } } }`);
    expect(nested.capsule.downstream).toHaveLength(10);
  });
});

describe('bad arguments', () => {
  it.each([
    ['lineage depth 0', LINEAGE, { urn: urn(0), depth: 0 }, 'depth must be a positive integer'],
    ['lineage negative limit', LINEAGE, { urn: urn(0), limit: -5 }, 'limit must be a positive integer'],
    ['an empty urn', LINEAGE, { urn: ' ' }, 'urn must be a non-empty URN'],
    ['a filter at column level', LINEAGE, { urn: `${urn(0)}#id`, level: 'COLUMN', filter: { types: ['Model'] } }, 'filter applies to TABLE lineage only'],
    ['an unknown capsule type', LINEAGE, { urn: urn(0), filter: { types: ['Table'] } }, 'Table'],
    ['a negative page size', 'query($f: Int) { capsules(first: $f) { totalCount } }', { f: -1 }, 'first must be an integer >= 0'],
    ['a foreign cursor', 'query($a: String) { capsules(after: $a) { totalCount } }', { a: 'bm9wZQ' }, 'after is not a cursor'],
    ['a search cursor for capsules', 'query($a: String) { capsules(after: $a) { totalCount } }', { a: Buffer.from('{"k":"search","p":3}').toString('base64url') }, 'not a cursor of capsules'],
    ['k = 0', `query { lineagePath(from: "${urn(0)}", to: "${urn(3)}", k: 0) { length } }`, {}, 'k must be a positive integer'],
    ['a path to itself', `query { lineagePath(from: "${urn(0)}", to: "${urn(0)}") { length } }`, {}, 'same node'],
    ['nested depth 0', `query { capsule(urn: "${urn(0)}") { upstream(depth: 0) { urn } } }`, {}, 'depth must be a positive integer'],
  ])('%s is BAD_USER_INPUT with a clear message', async (_, query, variables, message) => {
    const r = await raw(query, variables);
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message).toContain(message);
  });

  it('an unknown root is NOT_FOUND', async () => {
    const r = await raw(LINEAGE, { urn: 'urn:dbt:c:model.c.none' });
    expect(r.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' }, message: 'no node with urn urn:dbt:c:model.c.none' });
  });
});

describe('page sizes', () => {
  it('are clamped to 500', async () => {
    const { capsules } = await gql('{ capsules(first: 600) { totalCount edges { cursor } pageInfo { hasNextPage } } }');
    expect(capsules.edges).toHaveLength(500);
    expect(capsules.totalCount).toBe(CHAIN + 520);
    expect(capsules.pageInfo.hasNextPage).toBe(true);
  });
});

describe('query cost', () => {
  it('grows with lineage depth and limit, and multiplies with the parents a nested lineage is asked for', async () => {
    const one = `lineage(urn: "${urn(0)}", depth: $d, limit: 5000) { depth }`;
    expect((await gql(`query($d: Int) { a: ${one} }`, { d: 50 })).a.depth).toBe(50);
    const two = await raw(`query($d: Int) { a: ${one} b: ${one} }`, { d: 50 });
    expect(two.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(two.errors?.[0]?.message).toMatch(/cost \d+ exceeds the limit of 50000/);
    expect((await raw(`query($d: Int) { a: ${one} b: ${one} }`, { d: 3 })).errors).toBeUndefined();
    const nested = await raw('{ capsules(first: 500) { edges { node { upstream(depth: 10, first: 500) { urn } } } } }');
    expect(nested.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const fragment = await raw(
      'query { capsules(first: 200) { nodes { ...Up } } } fragment Up on Capsule { downstream(depth: 5, first: 100) { urn } }',
    );
    expect(fragment.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect((await raw('{ capsules(first: 20) { nodes { upstream(depth: 2) { urn } } } }')).errors).toBeUndefined();
  });
});

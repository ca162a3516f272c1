import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode } from '../../../../../ingest/core/graph.js';
import { writeGraph } from '../../../../../src/ingestion/writer.js';
import type { HelixContext } from '../../../../../src/app/context.js';
import { openTestHelix, resetGraph } from '../../../../support/graph.js';
import { captureCounters, strictClient } from './helpers.js';

let helix: HelixContext;

/** A project of `n` models, each fed by the two before it, with tagged and tested columns and an owner. */
function project(ns: string, n: number): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const urn = (i: number) => `urn:dbt:${ns}:model.${ns}.m${i}`;
  for (let i = 0; i < n; i++) {
    nodes.push({ urn: urn(i), labels: ['Capsule', 'Model'], props: { name: `m${i}`, namespace: ns, resourceType: 'model' } });
    if (i > 0) edges.push({ type: 'FLOWS_TO', from: urn(i - 1), to: urn(i) });
    if (i > 1) edges.push({ type: 'FLOWS_TO', from: urn(i - 2), to: urn(i) });
    edges.push({ type: 'TAGGED_WITH', from: urn(i), to: `urn:tag:t${i % 3}` });
    edges.push({ type: 'OWNED_BY', from: urn(i), to: 'urn:owner:team@example.com' });
    const test = `urn:dbt:${ns}:test.${ns}.unique_m${i}_id`;
    nodes.push({ urn: test, labels: ['Test'], props: { name: `unique_m${i}_id`, testName: 'unique' } });
    edges.push({ type: 'TESTS', from: test, to: urn(i) });
    for (const c of ['id', 'name', 'amount']) {
      const col = `${urn(i)}#${c}`;
      nodes.push({ urn: col, labels: ['Column'], props: { name: c, capsuleUrn: urn(i) } });
      edges.push({ type: 'HAS_COLUMN', from: urn(i), to: col });
      edges.push({ type: 'TAGGED_WITH', from: col, to: 'urn:tag:pii' });
      if (c === 'id') edges.push({ type: 'TESTS', from: test, to: col });
    }
  }
  return { nodes, edges };
}

beforeAll(async () => {
  helix = await openTestHelix();
  await resetGraph(helix);
  const shared: GraphNode[] = ['t0', 't1', 't2', 'pii'].map((t) => ({ urn: `urn:tag:${t}`, labels: ['Tag'], props: { name: t } }));
  shared.push({ urn: 'urn:owner:team@example.com', labels: ['Owner'], props: { name: 'team@example.com' } });
  const small = project('b10', 10);
  const large = project('b50', 50);
  await writeGraph(
    helix.exec,
    { nodes: [...shared, ...small.nodes, ...large.nodes], edges: [...small.edges, ...large.edges], issues: [] },
    { scope: 'test:batching', deleteMissing: false },
  );
});
afterAll(async () => helix?.close());

const NESTED = `query($ns: String!) {
  capsules(filter: { namespace: $ns }, first: 100) {
    totalCount
    edges { node {
      urn name type
      tags { name }
      owners { name }
      tests { name }
      columns { name tags { name } tests { name } }
      upstream(depth: 2) { urn name }
    } }
  }
}`;

describe('round trips of a nested query', () => {
  it('are a small constant, the same for 10 and for 50 capsules', async () => {
    const gql = strictClient(helix);
    const capture = captureCounters(helix);
    try {
      const perSize: Record<number, number> = {};
      for (const [ns, n] of [['b10', 10], ['b50', 50]] as const) {
        capture.reset();
        const data = await gql(NESTED, { ns });
        const capsules = data.capsules.edges.map((e: any) => e.node);
        expect(capsules).toHaveLength(n);
        expect(data.capsules.totalCount).toBe(n);
        const last = capsules.find((c: any) => c.name === `m${n - 1}`);
        expect(last.columns.map((c: any) => c.name).sort()).toEqual(['amount', 'id', 'name']);
        expect(last.columns.find((c: any) => c.name === 'id').tests).toEqual([{ name: `unique_m${n - 1}_id` }]);
        expect(last.columns[0].tags).toEqual([{ name: 'pii' }]);
        expect(last.tags).toEqual([{ name: `t${(n - 1) % 3}` }]);
        expect(last.upstream.map((u: any) => u.name).sort()).toEqual([2, 3, 4, 5].map((k) => `m${n - k}`).sort());
        const counters = capture.counters();
        expect(counters).toHaveLength(1);
        perSize[n] = counters[0]!;
      }
      // page, totalCount, capsule tags, owners, tests, columns, upstream, column tags, column tests: 9 queries
      expect(perSize[50]).toBe(perSize[10]);
      expect(perSize[10]).toBeLessThanOrEqual(10);
    } finally {
      capture.restore();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode } from '../../../../../../ingest/core/graph.js';
import { writeGraph } from '../../../../../../src/ingestion/writer.js';
import type { HelixContext } from '../../../../../../src/app/context.js';
import { refreshPii } from '../../../../../../src/services/conformance/pii/refresh-pii.js';
import { openTestHelix, resetGraph } from '../../../../../support/graph.js';
import { captureCounters, graphqlClient, strictClient } from '../../../../../support/graphql-client.js';

/**
 * piiInventory / Column.pii over a small shop project of our own: a source with people's columns, a staging model
 * (renames, a hash, a declared column), a mart (an aggregate, a count), an OpenLineage-style masking edge.
 */
const u = (id: string) => `urn:dbt:shop:${id}`;
const nodes: GraphNode[] = [];
const edges: GraphEdge[] = [];
function table(id: string, name: string, columns: Array<[string, Record<string, unknown>?]>) {
  nodes.push({ urn: u(id), labels: ['Capsule', 'Model'], props: { name, namespace: 'shop' } });
  for (const [c, props] of columns) {
    nodes.push({ urn: `${u(id)}#${c}`, labels: ['Column'], props: { name: c, capsuleUrn: u(id), ...(props ?? {}) } });
    edges.push({ type: 'HAS_COLUMN', from: u(id), to: `${u(id)}#${c}` });
  }
}
const derived = (down: string, up: string, transformation: string, extra: Record<string, unknown> = {}) =>
  edges.push({ type: 'DERIVED_FROM', from: u(down), to: u(up), props: { transformation, ...extra } });

table('src.customers', 'customers', [['id'], ['first_name'], ['email', { tags: ['pii:email'] }], ['phone']]);
table('stg_customers', 'stg_customers', [['customer_id'], ['given'], ['contact'], ['email_hash'], ['phone_masked'], ['notes', { metaJson: '{"pii": false}' }]]);
table('customers', 'customers_mart', [['customer_id'], ['given'], ['emails', { dataType: 'bigint' }], ['contact']]);
derived('stg_customers#customer_id', 'src.customers#id', 'identity');
derived('stg_customers#given', 'src.customers#first_name', 'identity');
derived('stg_customers#contact', 'src.customers#email', 'identity');
derived('stg_customers#email_hash', 'src.customers#email', 'expression');
derived('stg_customers#phone_masked', 'src.customers#phone', 'expression', { masking: true });
derived('stg_customers#notes', 'src.customers#first_name', 'expression');
derived('customers#given', 'stg_customers#given', 'identity');
derived('customers#contact', 'stg_customers#contact', 'identity');
derived('customers#emails', 'stg_customers#contact', 'aggregation');

let helix: HelixContext;
beforeAll(async () => {
  helix = await openTestHelix();
  await resetGraph(helix);
  await writeGraph(helix.exec, { nodes, edges, issues: [] }, { scope: 'dbt:shop', deleteMissing: true });
  await refreshPii(helix.exec, { namespace: 'shop' });
});
afterAll(async () => helix?.close());

const INVENTORY = `query($filter: PiiFilter, $first: Int, $after: String) {
  piiInventory(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id column { urn name } category origin evidence reason pseudonymous } }
  }
}`;

describe('piiInventory', () => {
  it('lists DECLARED, DETECTED and PROPAGATED findings with their evidence', async () => {
    const gql = strictClient(helix);
    const { piiInventory } = await gql(INVENTORY, { filter: { namespace: 'shop' }, first: 100 });
    const got = Object.fromEntries(
      piiInventory.edges.map((e: any) => [`${e.node.column.urn.split(':').pop()} ${e.node.category}`, [e.node.origin, e.node.evidence.map((x: string) => x.split(':').pop())]]),
    );
    expect(got).toEqual({
      'src.customers#email EMAIL': ['DECLARED', ['src.customers#email']],
      'src.customers#first_name NAME': ['DETECTED', ['src.customers#first_name']],
      'src.customers#phone PHONE': ['DETECTED', ['src.customers#phone']],
      'stg_customers#given NAME': ['PROPAGATED', ['src.customers#first_name', 'stg_customers#given']],
      'stg_customers#contact EMAIL': ['PROPAGATED', ['src.customers#email', 'stg_customers#contact']],
      'customers#given NAME': ['PROPAGATED', ['src.customers#first_name', 'stg_customers#given', 'customers#given']],
      'customers#contact EMAIL': ['PROPAGATED', ['src.customers#email', 'stg_customers#contact', 'customers#contact']],
      // Not propagated into: email_hash (an expression into a hash; its name makes it a pseudonymous email),
      // phone_masked (a masking edge; pseudonymous by name too), notes (declared not PII), emails (a count).
      'stg_customers#email_hash EMAIL': ['DETECTED', ['stg_customers#email_hash']],
      'stg_customers#phone_masked PHONE': ['DETECTED', ['stg_customers#phone_masked']],
    });
    expect(piiInventory.totalCount).toBe(9);
    expect(piiInventory.edges.find((e: any) => e.node.column.name === 'email_hash').node.pseudonymous).toBe(true);
  });

  it('filters by category and origin and pages with cursors', async () => {
    const gql = strictClient(helix);
    const emails = await gql(INVENTORY, { filter: { namespace: 'shop', category: 'EMAIL', origin: 'PROPAGATED' } });
    expect(emails.piiInventory.totalCount).toBe(2);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const { piiInventory }: any = await gql(INVENTORY, { filter: { namespace: 'shop' }, first: 3, after });
      seen.push(...piiInventory.edges.map((e: any) => e.node.id));
      expect(piiInventory.totalCount).toBe(9);
      if (!piiInventory.pageInfo.hasNextPage) break;
      after = piiInventory.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(9);
    expect(new Set(seen).size).toBe(9);
    expect([...seen].sort()).toEqual(seen);
    const none = await gql(INVENTORY, { filter: { namespace: 'elsewhere' } });
    expect(none.piiInventory).toMatchObject({ totalCount: 0, edges: [] });
  });

  it('Column.pii lists a column’s findings', async () => {
    const gql = strictClient(helix);
    const { column } = await gql(`query($u: ID!) { column(urn: $u) { pii { category origin evidence } } }`, { u: u('customers#given') });
    expect(column.pii).toEqual([
      { category: 'NAME', origin: 'PROPAGATED', evidence: [u('src.customers#first_name'), u('stg_customers#given'), u('customers#given')] },
    ]);
    const { capsule } = await gql(`query($u: ID!) { capsule(urn: $u) { columns { name pii { category } } } }`, { u: u('src.customers') });
    expect(Object.fromEntries(capsule.columns.map((c: any) => [c.name, c.pii.map((p: any) => p.category)]))).toEqual({
      id: [], first_name: ['NAME'], email: ['EMAIL'], phone: ['PHONE'],
    });
  });

  it('batches Column.pii: round trips do not grow with the number of columns', async () => {
    const gql = strictClient(helix);
    const counters = captureCounters(helix);
    try {
      // The same question of a capsule with 4 columns and of one with 6: Column.pii is one batched read per request,
      // whatever the number of columns (each root capsule field is its own planned read since #17's planner).
      const q = `query($a: ID!) { capsule(urn: $a) { columns { pii { category } } } }`;
      await gql(q, { a: u('customers') });
      await gql(q, { a: u('stg_customers') });
      const [four, six] = counters.counters();
      expect(six).toBe(four);
    } finally {
      counters.restore();
    }
  });

  it.each([
    [{ filter: { namespace: '' } }, 'BAD_USER_INPUT', /namespace/],
    [{ filter: { column: '' } }, 'BAD_USER_INPUT', /column/],
    [{ first: -1 }, 'BAD_USER_INPUT', /first/],
    [{ after: 'not-a-cursor' }, 'BAD_USER_INPUT', /cursor/],
    [{ after: Buffer.from(JSON.stringify({ k: 'capsules', p: 'x' })).toString('base64url') }, 'BAD_USER_INPUT', /cursor/],
  ])('refuses bad input %j with %s', async (vars, code, message) => {
    const r = await graphqlClient(helix)(INVENTORY, vars);
    expect(r.data).toBeNull();
    expect(r.errors?.[0]?.extensions?.code).toBe(code);
    expect(r.errors?.[0]?.message).toMatch(message);
  });

  it('refuses an unknown category or origin as invalid input, not a server error', async () => {
    for (const filter of [{ category: 'SHOE_SIZE' }, { origin: 'GUESSED' }]) {
      const r = await graphqlClient(helix)(INVENTORY, { filter });
      expect(r.errors?.[0]?.message).toMatch(/SHOE_SIZE|GUESSED/);
      expect(r.errors?.[0]?.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
    }
  });
});

describe('refreshPii', () => {
  it('refuses an empty namespace and changes nothing on a second run', async () => {
    await expect(refreshPii(helix.exec, { namespace: ' ' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    const again = await refreshPii(helix.exec, { namespace: 'shop' });
    expect(again).toMatchObject({ findings: 9, created: 0, updated: 0, removed: 0, unchanged: 9 });
    expect(again.stopped).toMatchObject({ hashed: 1, masked: 1, 'declared not PII': 1, 'reduced to a number': 1 });
  });
});

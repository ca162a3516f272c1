import { beforeAll, describe, expect, it } from 'vitest';
import type { DbtArtifacts } from '../../../../ingest/dbt/artifacts.js';
import { loadDbtArtifacts } from '../../../../ingest/dbt/load-artifacts.js';
import { mapDbtArtifacts } from '../../../../ingest/dbt/map-dbt.js';
import type { ColumnLineageInput, ColumnLineageResult, DeriveColumnLineage } from '../../../../ingest/dbt/sql/types.js';
import { fixturePath } from '../../../support/corpus.js';
import { hasEdge, issuesWith, node, wellFormedProblems } from './graph-helpers.js';

const U = (id: string) => `urn:dbt:shop:${id}`;
let artifacts: DbtArtifacts;

beforeAll(async () => {
  artifacts = await loadDbtArtifacts({ path: fixturePath('dbt', 'v12-shop') });
});

/**
 * A stand-in for the SQL deriver: every upstream column with the same name as a model column is an identity
 * edge; `sum(...)` models aggregate; SQL mentioning `join ... on true` does not parse and `select 1 as id` makes it throw.
 */
function fakeDeriver(calls: ColumnLineageInput[]): DeriveColumnLineage {
  return (input): ColumnLineageResult => {
    calls.push(input);
    if (input.sql.includes('on true')) return { parsed: false, outputColumns: [], edges: [], issues: [{ code: 'SQL_PARSE_FAILED', message: 'unexpected ON' }] };
    if (input.sql === 'select 1 as id') throw new Error('boom');
    const outputColumns = input.sql.includes('payment_id') ? ['payment_id', 'order_id', 'amount'] : (input.modelColumns ?? []);
    const edges = outputColumns.flatMap((column) =>
      input.upstreams
        .filter((u) => u.columns.includes(column) || u.names.some((n) => n.includes('payments_v2')))
        .map((u) => ({ column, upstreamUrn: u.urn, upstreamColumn: column === 'payment_id' ? 'id' : column, transformation: input.sql.includes('sum(') ? ('aggregation' as const) : ('identity' as const) })),
    );
    return { parsed: true, outputColumns, edges, issues: [{ code: 'SQL_UNRESOLVED_COLUMN', message: 'some note' }] };
  };
}

describe('column lineage through an injected deriver', () => {
  it('hands each compiled model its upstream relations under 1-, 2- and 3-part names with known columns', () => {
    const calls: ColumnLineageInput[] = [];
    mapDbtArtifacts(artifacts, { deriveColumnLineage: fakeDeriver(calls) });
    const stg = calls.find((c) => c.sql.includes('customer_id from'));
    expect(stg).toMatchObject({ adapter: 'snowflake', modelColumns: ['order_id', 'amount', 'customer_id'] });
    expect(stg?.upstreams).toEqual([
      { urn: U('seed.shop.raw_orders'), names: ['raw_orders', 'raw.raw_orders', 'analytics.raw.raw_orders'], columns: [] },
    ]);
    const orders = calls.find((c) => c.sql.includes('__dbt__cte__stg_payments'));
    expect(orders?.upstreams.map((u) => u.names)).toContainEqual(['__dbt__cte__stg_payments']);
    // Only models are derived (not snapshots or analyses), and only those with compiled code.
    expect(calls).toHaveLength(6);
  });

  it('emits DERIVED_FROM edges between columns, creating inferred columns only the SQL reveals', () => {
    const m = mapDbtArtifacts(artifacts, { deriveColumnLineage: fakeDeriver([]) });
    expect(wellFormedProblems(m)).toEqual([]);
    const payments = U('model.shop.stg_payments');
    expect(node(m, `${payments}#payment_id`).props).toEqual({ name: 'payment_id', capsuleUrn: payments, inferred: true });
    expect(hasEdge(m, 'HAS_COLUMN', payments, `${payments}#payment_id`)).toBe(true);
    expect(m.edges.find((e) => e.from === `${payments}#payment_id`)).toEqual({
      type: 'DERIVED_FROM', from: `${payments}#payment_id`, to: U('source.shop.stripe.payments#id'), props: { transformation: 'identity' },
    });
    expect(hasEdge(m, 'DERIVED_FROM', U('model.shop.orders.v1#amount'), `${payments}#amount`)).toBe(true);
    expect(m.edges.find((e) => e.from === U('model.shop.orders.v1#amount') && e.to === `${payments}#amount`)?.props).toEqual({ transformation: 'aggregation' });
    expect(m.stats).toMatchObject({ compiledModels: 6, sqlParseFailures: 2 });
    expect(m.stats?.columnLineageEdges).toBe(m.edges.filter((e) => e.type === 'DERIVED_FROM').length);
    expect(m.stats?.modelsWithColumnLineage).toBe(new Set(m.edges.filter((e) => e.type === 'DERIVED_FROM').map((e) => e.from.split('#')[0])).size);
    expect(issuesWith(m, 'SQL_UNRESOLVED_COLUMN').length).toBeGreaterThan(0);
  });

  it('reports SQL that does not parse (or a deriver that throws), keeps table lineage and preserves old column lineage', () => {
    const m = mapDbtArtifacts(artifacts, { deriveColumnLineage: fakeDeriver([]) });
    expect(issuesWith(m, 'SQL_PARSE_FAILED').map((i) => i.subject).sort()).toEqual([U('model.elementary.elementary_log'), U('model.shop.fct_revenue')]);
    expect(hasEdge(m, 'FLOWS_TO', U('model.shop.orders.v2'), U('model.shop.fct_revenue'))).toBe(true);
    const preserved = (m.preserve ?? []).map((p) => p.from);
    expect(preserved).not.toContain(U('model.shop.stg_orders#order_id'));
    expect(m.edges.some((e) => e.type === 'DERIVED_FROM' && e.from.startsWith(U('model.shop.fct_revenue')))).toBe(false);
  });

  it('preserves the column lineage of models without compiled code', async () => {
    const parseOnly = await loadDbtArtifacts({ path: fixturePath('dbt', 'v4-jaffle') });
    const m = mapDbtArtifacts(parseOnly, { deriveColumnLineage: fakeDeriver([]) });
    expect(m.preserve).toEqual([{ from: 'urn:dbt:jaffle:model.jaffle.stg_customers#customer_id', type: 'DERIVED_FROM' }]);
  });
});

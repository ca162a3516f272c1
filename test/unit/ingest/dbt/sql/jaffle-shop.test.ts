import { describe, expect, it } from 'vitest';
import { deriveColumnLineage } from '../../../../../ingest/dbt/sql/column-lineage.js';
import { edgesOf, issueCodes, readSql, upstream } from './lineage-helpers.js';

const customersSql = readSql('jaffle_customers.postgres.sql');

const documented = [
  upstream('stg_customers', 'warehouse.analytics.stg_customers', ['customer_id', 'first_name', 'last_name']),
  upstream('stg_orders', 'warehouse.analytics.stg_orders', ['order_id', 'customer_id', 'order_date', 'status']),
  upstream('stg_payments', 'warehouse.analytics.stg_payments', ['payment_id', 'order_id', 'payment_method', 'amount']),
];

describe('jaffle_shop customers (Postgres, CTEs customers → final)', () => {
  const result = deriveColumnLineage({ sql: customersSql, adapter: 'postgres', upstreams: documented });

  it('parses and lists the final SELECT columns in order, expanded through `select * from final`', () => {
    expect(result.parsed).toBe(true);
    expect(result.outputColumns).toEqual([
      'customer_id',
      'first_name',
      'last_name',
      'first_order',
      'most_recent_order',
      'number_of_orders',
      'customer_lifetime_value',
    ]);
    expect(result.issues).toEqual([]);
  });

  it('derives customers.customer_id from stg_customers.customer_id only, as identity', () => {
    expect(edgesOf(result, 'customer_id')).toEqual(['stg_customers.customer_id:identity']);
    expect(edgesOf(result, 'first_name')).toEqual(['stg_customers.first_name:identity']);
  });

  it('marks aggregates, including those computed in an earlier CTE', () => {
    expect(edgesOf(result, 'first_order')).toEqual(['stg_orders.order_date:aggregation']);
    expect(edgesOf(result, 'number_of_orders')).toEqual(['stg_orders.order_id:aggregation']);
    expect(edgesOf(result, 'customer_lifetime_value')).toEqual(['stg_payments.amount:aggregation']);
  });

  it('uses the upstream column lists to resolve unqualified columns in a join', () => {
    // `sum(amount)` in customer_payments reads `payments join orders`: only stg_payments lists `amount`.
    expect(result.edges.filter((e) => e.upstreamUrn === 'stg_orders' && e.upstreamColumn === 'amount')).toEqual([]);
  });
});

describe('jaffle_shop customers with unknown upstream columns', () => {
  const unknown = documented.map((u) => ({ ...u, columns: [] }));
  const result = deriveColumnLineage({ sql: customersSql, adapter: 'postgres', upstreams: unknown });

  it('still resolves qualified references through `select *` CTEs', () => {
    expect(result.outputColumns).toHaveLength(7);
    expect(edgesOf(result, 'customer_id')).toEqual(['stg_customers.customer_id:identity']);
    expect(edgesOf(result, 'last_name')).toEqual(['stg_customers.last_name:identity']);
    expect(edgesOf(result, 'most_recent_order')).toEqual(['stg_orders.order_date:aggregation']);
  });

  it('reports an unqualified column of a two-way join it cannot place, and draws no edge for it', () => {
    expect(edgesOf(result, 'customer_lifetime_value')).toEqual([]);
    const issue = result.issues.find((i) => i.column === 'customer_lifetime_value');
    expect(issue).toMatchObject({ code: 'SQL_COLUMN_UNRESOLVED', severity: 'info' });
    expect(issue?.message).toContain('amount');
  });
});

describe('jaffle_shop orders (BigQuery backticks, hyphenated project id)', () => {
  const upstreams = [
    upstream('stg_orders', 'acme-dev-1.jaffle_shop.stg_orders', ['order_id', 'customer_id', 'order_date', 'status']),
    upstream('stg_payments', 'acme-dev-1.jaffle_shop.stg_payments', []),
  ];
  const result = deriveColumnLineage({ sql: readSql('jaffle_orders.bigquery.sql'), adapter: 'bigquery', upstreams });

  it('matches backtick-quoted three-part names and expands the final star', () => {
    expect(result.parsed).toBe(true);
    expect(result.outputColumns).toEqual([
      'order_id',
      'customer_id',
      'order_date',
      'status',
      'credit_card_amount',
      'coupon_amount',
      'amount',
    ]);
    expect(edgesOf(result, 'customer_id')).toEqual(['stg_orders.customer_id:identity']);
  });

  it('gives an expression over several columns one edge per source column', () => {
    expect(edgesOf(result, 'credit_card_amount')).toEqual([
      'stg_payments.amount:aggregation',
      'stg_payments.payment_method:aggregation',
    ]);
    expect(edgesOf(result, 'amount')).toEqual(['stg_payments.amount:aggregation']);
    expect(issueCodes(result)).toEqual([]);
  });
});

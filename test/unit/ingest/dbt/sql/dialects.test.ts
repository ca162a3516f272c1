import { describe, expect, it } from 'vitest';
import { deriveColumnLineage } from '../../../../../ingest/dbt/sql/column-lineage.js';
import { dialectsForAdapter } from '../../../../../ingest/dbt/sql/sql-parse.js';
import { edgesOf, issueCodes, readSql, upstream } from './lineage-helpers.js';

describe('adapter → grammar', () => {
  it('starts with the adapter’s own dialect and always has fallbacks', () => {
    expect(dialectsForAdapter('postgres')[0]).toBe('PostgresQL');
    expect(dialectsForAdapter('snowflake')[0]).toBe('Snowflake');
    expect(dialectsForAdapter('bigquery')[0]).toBe('BigQuery');
    expect(dialectsForAdapter('databricks')[0]).toBe('Hive');
    expect(dialectsForAdapter('trino')[0]).toBe('Trino');
    expect(dialectsForAdapter('duckdb')[0]).toBe('PostgresQL');
    expect(dialectsForAdapter('sqlserver')[0]).toBe('TransactSQL');
    expect(dialectsForAdapter('some-new-adapter').length).toBeGreaterThan(1);
  });
});

describe('Snowflake events model (union, window, JSON path, lateral flatten)', () => {
  const upstreams = [
    upstream('web', 'raw_db.events.web_events', ['EVENT_ID', 'USER_ID', 'EventTime', 'PAYLOAD'].map((c) => c.toLowerCase())),
    upstream('app', 'raw_db.events.app_events'),
  ];
  const result = deriveColumnLineage({ sql: readSql('events_union.snowflake.sql'), adapter: 'snowflake', upstreams });

  it('lower-cases upper-case and quoted mixed-case names', () => {
    expect(result.parsed).toBe(true);
    expect(result.outputColumns).toEqual(['event_id', 'user_id', 'event_ts', 'device_os', 'event_seq', 'tag']);
    expect(edgesOf(result, 'event_ts')).toEqual(['app.created_at:identity', 'web.eventtime:identity']);
  });

  it('takes the JSON path root as an expression source', () => {
    expect(edgesOf(result, 'device_os')).toEqual(['app.os_name:identity', 'web.payload:expression']);
  });

  it('derives flattened values from the flattened column, window results as aggregation', () => {
    expect(edgesOf(result, 'tag')).toEqual(['app.tag_list:expression', 'web.payload:expression']);
    expect(edgesOf(result, 'event_seq')).toEqual([
      'app.account_id:aggregation',
      'app.created_at:aggregation',
      'web.eventtime:aggregation',
      'web.user_id:aggregation',
    ]);
  });
});

describe('quoting and relation names per dialect', () => {
  const orders = upstream('orders', 'analytics.prod.orders', ['id', 'amount']);
  const cases: Array<[string, string]> = [
    ['snowflake', 'select "ID", AMOUNT from "ANALYTICS"."PROD"."ORDERS"'],
    ['snowflake', 'select o."ID" as id, o.amount from ANALYTICS.PROD.ORDERS o'],
    ['postgres', 'select "id", "amount" from "analytics"."prod"."orders"'],
    ['redshift', 'select id, amount from "analytics"."prod"."orders"'],
    ['duckdb', 'select id, amount from "analytics"."prod"."orders"'],
    ['bigquery', 'select `id`, amount from `analytics`.`prod`.`orders`'],
    ['databricks', 'select `id`, amount from `prod`.`orders`'],
    ['trino', 'select id, amount from analytics.prod.orders'],
    ['sqlserver', 'select [id], amount from [analytics].[prod].[orders]'],
    ['mysql', 'select `id`, amount from `prod`.`orders`'],
    ['sqlite', 'select "id", amount from "orders"'],
  ];
  it.each(cases)('%s: %s', (adapter, sql) => {
    const result = deriveColumnLineage({ sql, adapter, upstreams: [orders] });
    expect(result.parsed).toBe(true);
    expect(result.outputColumns).toEqual(['id', 'amount']);
    expect(edgesOf(result, 'id')).toEqual(['orders.id:identity']);
    expect(edgesOf(result, 'amount')).toEqual(['orders.amount:identity']);
  });
});

describe('syntax the grammars reject, rescued by relaxed rewriting', () => {
  const payments = upstream('payments', 'db.shop.payments', ['order_id', 'amount', 'method', 'paid_at', 'meta']);
  const derive = (sql: string, adapter: string) => deriveColumnLineage({ sql, adapter, upstreams: [payments] });

  it('Postgres aggregate FILTER and quoted EXTRACT fields', () => {
    const r = derive(
      `select order_id, sum(amount) filter (where method = 'card') as card_total,
              extract('year' from paid_at) as paid_year
       from db.shop.payments group by 1, 3`,
      'postgres',
    );
    expect(r.parsed).toBe(true);
    // The FILTER condition's column feeds the aggregate (it was dropped before: issue #18).
    expect(edgesOf(r, 'card_total')).toEqual(['payments.amount:aggregation', 'payments.method:aggregation']);
    expect(edgesOf(r, 'paid_year')).toEqual(['payments.paid_at:expression']);
  });

  it('Snowflake WITHIN GROUP, spaced casts and paths, named arguments, keyword aliases', () => {
    const r = derive(
      `select order_id,
              listagg(method, ',') within group (order by paid_at) as methods,
              meta :card :brand :: string as brand,
              max(paid_at) as hour
       from db.shop.payments, lateral flatten(input => meta:items, outer => true) f
       group by order_id`,
      'snowflake',
    );
    expect(r.parsed).toBe(true);
    // Relaxing drops WITHIN GROUP (ORDER BY paid_at): the ordering column is lost (documented gap).
    expect(edgesOf(r, 'methods')).toEqual(['payments.method:aggregation']);
    expect(edgesOf(r, 'brand')).toEqual(['payments.meta:expression']);
    expect(edgesOf(r, 'hour')).toEqual(['payments.paid_at:aggregation']);
  });

  it('DuckDB AT TIME ZONE', () => {
    const r = derive("select paid_at at time zone 'UTC' as paid_utc from db.shop.payments", 'duckdb');
    expect(r.parsed).toBe(true);
    expect(edgesOf(r, 'paid_utc')).toEqual(['payments.paid_at:expression']);
  });

  it('reports what it tried when nothing parses', () => {
    const r = derive('select from where group', 'snowflake');
    expect(r.parsed).toBe(false);
    expect(issueCodes(r)).toEqual(['SQL_PARSE_FAILED']);
    expect(r.issues[0]?.message).toMatch(/tried Snowflake.*PostgresQL/);
  });
});

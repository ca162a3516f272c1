import { describe, expect, it } from 'vitest';
import { deriveColumnLineage } from '../../../../../ingest/dbt/sql/column-lineage.js';
import { edgesOf, upstream } from './lineage-helpers.js';

// Shapes seen in real compiled models that lost edges: computed array subscripts (Snowflake), BigQuery
// `[OFFSET(n)]` on a call, and an aggregate's FILTER (WHERE ...) in grammars that do not know it.
const events = upstream('events', 'raw.app.events', ['event_id', 'path_parts', 'tags', 'tag_index', 'email', 'status', 'amount', 'kind', 'user_id']);
const derive = (adapter: string, sql: string) => deriveColumnLineage({ sql, adapter, upstreams: [events] });

describe('subscripts with a computed index', () => {
  it('Snowflake: x[array_size(x) - 1] and arr[idx] keep the array and the index columns', () => {
    const r = derive(
      'snowflake',
      `select event_id,
              path_parts[array_size(path_parts) - 1]::string as last_part,
              tags[tag_index] as chosen_tag,
              tags[0]::string as first_tag
       from raw.app.events`,
    );
    expect(r.parsed).toBe(true);
    expect(edgesOf(r, 'last_part')).toEqual(['events.path_parts:expression']);
    expect(edgesOf(r, 'chosen_tag')).toEqual(['events.tag_index:expression', 'events.tags:expression']);
    expect(edgesOf(r, 'first_tag')).toEqual(['events.tags:expression']);
    expect(edgesOf(r, 'event_id')).toEqual(['events.event_id:identity']);
  });

  it('chained subscripts and subscripts on a call', () => {
    const r = derive('snowflake', `select split(email, '@')[array_size(split(email, '@')) - 1] as domain, tags[tag_index][0] as t from raw.app.events`);
    expect(r.parsed).toBe(true);
    expect(edgesOf(r, 'domain')).toEqual(['events.email:expression']);
    expect(edgesOf(r, 't')).toEqual(['events.tag_index:expression', 'events.tags:expression']);
  });

  it.each(['bigquery', 'snowflake', 'postgres'])("%s: split(x, '.')[OFFSET(0)] / [SAFE_ORDINAL(1)] derive from x", (adapter) => {
    const r = derive(adapter, `select split(email, '@')[OFFSET(0)] as local_part, split(email, '@')[SAFE_ORDINAL(2)] as domain from raw.app.events`);
    expect(r.parsed).toBe(true);
    expect(edgesOf(r, 'local_part')).toEqual(['events.email:expression']);
    expect(edgesOf(r, 'domain')).toEqual(['events.email:expression']);
  });

  it('leaves bracketed names and array literals alone', () => {
    const tsql = deriveColumnLineage({ sql: 'select [event_id], e.[email] from [raw].[app].[events] e', adapter: 'sqlserver', upstreams: [events] });
    expect(edgesOf(tsql, 'email')).toEqual(['events.email:identity']);
    const literal = derive('snowflake', `select array_contains(status::variant, ['a', 'b']) as known from raw.app.events`);
    expect(edgesOf(literal, 'known')).toEqual(['events.status:expression']);
  });
});

describe('aggregate FILTER (WHERE ...)', () => {
  it.each(['postgres', 'duckdb', 'bigquery', 'snowflake', 'trino'])('%s: the condition’s columns feed the aggregate', (adapter) => {
    const r = derive(
      adapter,
      `select user_id,
              count(*) filter (where status = 'paid') as paid_orders,
              sum(amount) filter (where kind in ('a', 'b')) as ab_amount,
              count(distinct event_id) filter (where status <> 'void') as events
       from raw.app.events group by user_id`,
    );
    expect(r.parsed).toBe(true);
    expect(edgesOf(r, 'paid_orders')).toEqual(['events.status:aggregation']);
    expect(edgesOf(r, 'ab_amount')).toEqual(['events.amount:aggregation', 'events.kind:aggregation']);
    expect(edgesOf(r, 'events')).toEqual(['events.event_id:aggregation', 'events.status:aggregation']);
  });

  it('as a window aggregate, beside syntax that needs the relaxed text', () => {
    const r = derive('duckdb', `select user_id, count(*) filter (where status = 'x') over (partition by user_id) as n from raw.app.events qualify n > 1`);
    expect(edgesOf(r, 'n')).toEqual(['events.status:aggregation', 'events.user_id:aggregation']);
  });
});

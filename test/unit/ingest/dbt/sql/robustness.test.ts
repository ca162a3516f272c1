import { describe, expect, it } from 'vitest';
import { deriveColumnLineage, MAX_SQL_BYTES } from '../../../../../ingest/dbt/sql/column-lineage.js';
import type { ColumnLineageInput } from '../../../../../ingest/dbt/sql/types.js';
import { edgesOf, issueCodes, readSql, upstream } from './lineage-helpers.js';

const orders = upstream('orders', 'db.shop.orders', ['order_id', 'amount']);

function derive(sql: string, adapter = 'postgres') {
  return deriveColumnLineage({ sql, adapter, upstreams: [orders] });
}

describe('never throws', () => {
  it('reports empty SQL as a parse failure', () => {
    const r = derive('   \n ');
    expect(r).toMatchObject({ parsed: false, outputColumns: [], edges: [] });
    expect(issueCodes(r)).toEqual(['SQL_PARSE_FAILED']);
  });

  it('reports uncompiled Jinja as a parse failure with the parser message', () => {
    const r = derive(readSql('not_sql.txt'));
    expect(r.parsed).toBe(false);
    expect(r.issues[0]).toMatchObject({ code: 'SQL_PARSE_FAILED', severity: 'warning' });
    expect(r.issues[0]?.message).toMatch(/tried PostgresQL/);
    expect(r.issues[0]?.message.length).toBeLessThan(700);
  });

  it('skips SQL over the size guard without parsing it', () => {
    const big = `select ${Array.from({ length: MAX_SQL_BYTES / 4 }, (_, i) => `c${i}`).join(', ')} from t`;
    expect(big.length).toBeGreaterThan(MAX_SQL_BYTES);
    const started = Date.now();
    const r = derive(big);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(issueCodes(r)).toEqual(['SQL_TOO_LARGE']);
  });

  it('tolerates malformed input objects', () => {
    const odd = { sql: null, adapter: undefined, upstreams: undefined } as unknown as ColumnLineageInput;
    expect(() => deriveColumnLineage(odd)).not.toThrow();
    expect(deriveColumnLineage(odd).parsed).toBe(false);
  });

  it('tolerates malformed upstream descriptions', () => {
    const upstreams = [{ urn: 'x', names: null, columns: [1, null, 'ID'] }] as unknown as ColumnLineageInput['upstreams'];
    const r = deriveColumnLineage({ sql: 'select id from x', adapter: 'postgres', upstreams, modelColumns: [null] as never });
    expect(r.parsed).toBe(true);
    expect(r.outputColumns).toEqual(['id']);
  });

  it('survives deeply nested expressions', () => {
    const nested = `select ${'('.repeat(200)}amount${')'.repeat(200)} + 1 as x from db.shop.orders`;
    const r = derive(nested);
    expect(r.issues.every((i) => typeof i.message === 'string')).toBe(true);
  });

  it('answers SQL_NO_SELECT for a statement without a SELECT', () => {
    const r = derive('delete from db.shop.orders where amount < 0');
    expect(r.parsed).toBe(true);
    expect(issueCodes(r)).toEqual(['SQL_NO_SELECT']);
  });

  it('takes the query of a CREATE TABLE ... AS SELECT', () => {
    const r = derive('create table db.shop.big_orders as select order_id from db.shop.orders where amount > 100');
    expect(edgesOf(r, 'order_id')).toEqual(['orders.order_id:identity']);
  });

  it('keeps the last SELECT of several statements and ignores trailing semicolons', () => {
    const r = derive('select 1 as a; select order_id from db.shop.orders;;');
    expect(r.outputColumns).toEqual(['order_id']);
  });

  it('falls back to other grammars for an unknown adapter', () => {
    const r = derive('select order_id from db.shop.orders', 'brand-new-adapter');
    expect(edgesOf(r, 'order_id')).toEqual(['orders.order_id:identity']);
  });
});

describe('relations that are not upstreams', () => {
  it('is not an error to read information_schema, generate_series, VALUES or unnest', () => {
    const sql = `
      select t.table_name, g.n, v.code, o.order_id, u.tag
      from information_schema.tables t
      cross join generate_series(1, 3) as g(n)
      cross join (values ('a'), ('b')) as v(code)
      cross join db.shop.orders o
      cross join unnest(array['x', 'y']) as u(tag)`;
    const r = derive(sql);
    expect(r.parsed).toBe(true);
    expect(edgesOf(r, 'order_id')).toEqual(['orders.order_id:identity']);
    expect(edgesOf(r, 'table_name')).toEqual([]);
    expect(r.issues.filter((i) => i.severity !== 'info')).toEqual([]);
    const notUpstream = r.issues.find((i) => i.code === 'SQL_RELATION_NOT_UPSTREAM');
    expect(notUpstream?.message).toContain('information_schema.tables');
  });

  it('does not report constants and count(*) as unresolved', () => {
    const r = derive("select 1 as one, 'x' as label, current_date as today, count(*) as n from db.shop.orders");
    expect(r.outputColumns).toEqual(['one', 'label', 'today', 'n']);
    expect(r.edges).toEqual([]);
    expect(r.issues).toEqual([]);
  });
});

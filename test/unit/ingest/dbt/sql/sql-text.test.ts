import { describe, expect, it } from 'vitest';
import { applyEdits, closingParen, maskSql } from '../../../../../ingest/dbt/sql/sql-mask.js';
import { relaxSql } from '../../../../../ingest/dbt/sql/sql-relax.js';
import { normaliseDotted, UpstreamIndex } from '../../../../../ingest/dbt/sql/upstream-index.js';
import { upstream } from './lineage-helpers.js';

describe('maskSql', () => {
  it('keeps length and blanks literals, quoted names and comments', () => {
    const sql = `select 'a''b' as "x y", \`c\` -- note (\n/* ( */ from t where s = $$it's$$`;
    const masked = maskSql(sql);
    expect(masked).toHaveLength(sql.length);
    const comments = `${' '.repeat(10)}\n${' '.repeat(8)}`;
    expect(masked).toBe(`select '____' as "___", \`_\`${comments}from t where s = $$____$$`);
  });

  it('finds the closing parenthesis, ignoring parentheses inside strings', () => {
    const sql = "f(a, ')', g(b))";
    expect(closingParen(maskSql(sql), 1)).toBe(sql.length - 1);
  });

  it('applies edits by offset', () => {
    expect(applyEdits('abcdef', [{ start: 4, end: 5, text: 'E' }, { start: 0, end: 1, text: 'A' }])).toBe('AbcdEf');
  });
});

describe('relaxSql', () => {
  const relax = (sql: string) => relaxSql(sql, '"');

  it('leaves string literals alone', () => {
    expect(relax("select 'x :: y at time zone' as s from t")).toContain("'x :: y at time zone'");
  });

  it('rewrites Snowflake path and cast spacing, and trims long paths to their column', () => {
    expect(relax('select v :a :b :: string from t')).toBe('select v:a from t');
    expect(relax('select db.t.col:a:b from t')).toBe('select db."t"."col" from t');
    expect(relax('select parse_json(x):a.b from t')).toBe('select parse_json(x) from t');
  });

  it('drops WITHIN GROUP clauses and named-argument names, folds FILTER into the aggregate', () => {
    expect(relax('select listagg(a) within group (order by b) from t')).toBe('select listagg(a) from t');
    expect(relax('select count(*) filter (where (a > 1)) as n from t')).toBe('select count( case when (a > 1) then 1 end) AS "n" from t');
    expect(relax('select sum(distinct x) filter (where y) as s from t')).toBe('select sum(distinct case when y then x end) AS "s" from t');
    expect(relax('select * from table(flatten(input => t.x, outer => true))')).toBe('select * from table(flatten(t."x", true))');
  });

  it('quotes keyword-like aliases and qualified names, not function names', () => {
    expect(relax('select p.close as hour, s.udf(x) from t')).toBe('select p."close" AS "hour", s.udf(x) from t');
  });

  it('rewrites Postgres substring/extract forms and Snowflake array literals', () => {
    expect(relax("select substring(a from '.+' for 2), extract('year' from b) from t")).toBe(
      "select substring(a, '.+', 2), extract(year from b) from t",
    );
    expect(relax("select array_size([]) as n, ['a', 'b'] as l from t")).toBe(
      "select array_size(array_construct()) AS \"n\", array_construct('a', 'b') AS \"l\" from t",
    );
  });
});

describe('UpstreamIndex', () => {
  const index = new UpstreamIndex([
    upstream('raw_customers', 'db.raw.customers'),
    upstream('stg_customers', 'db.staging.customers'),
    upstream('orders', 'db.staging.orders'),
  ]);

  it('matches full, schema-qualified and (when unique) bare names', () => {
    expect(index.find(['db', 'raw', 'customers'])?.urn).toBe('raw_customers');
    expect(index.find(['other_db', 'staging', 'customers'])?.urn).toBe('stg_customers');
    expect(index.find(['orders'])?.urn).toBe('orders');
  });

  it('refuses ambiguous bare names and never shortens a qualified name to the bare table', () => {
    expect(index.find(['customers'])).toBeUndefined();
    expect(index.find(['analytics', 'orders'])).toBeUndefined();
  });

  it('normalises quoted dotted names', () => {
    expect(normaliseDotted('"DB"."My.Schema"."T"')).toBe('db.my.schema.t');
    expect(normaliseDotted('`p-1`.`d`.`t`')).toBe('p-1.d.t');
    expect(normaliseDotted('[s].[t]')).toBe('s.t');
  });
});

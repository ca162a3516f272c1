import { describe, expect, it } from 'vitest';
import { deriveColumnLineage } from '../../../../../ingest/dbt/sql/column-lineage.js';
import { edgesOf, issueCodes, upstream } from './lineage-helpers.js';

const orders = upstream('orders', 'db.shop.orders', ['order_id', 'customer_id', 'amount', 'status', 'ordered_at']);
const customers = upstream('customers', 'db.shop.customers', ['customer_id', 'name', 'country']);
const events = upstream('events', 'db.raw.events', []);
const upstreams = [orders, customers, events];

function derive(sql: string, adapter = 'postgres', modelColumns?: string[]) {
  return deriveColumnLineage({ sql, adapter, upstreams, modelColumns });
}

describe('relations and aliases', () => {
  it('resolves a subquery in FROM through its alias', () => {
    const r = derive('select s.total from (select amount * 2 as total from shop.orders) as s');
    expect(edgesOf(r, 'total')).toEqual(['orders.amount:expression']);
  });

  it('matches an upstream by table name alone, and by schema.table', () => {
    const r = derive('select o.order_id, c.name from orders o join shop.customers c on o.customer_id = c.customer_id');
    expect(edgesOf(r, 'order_id')).toEqual(['orders.order_id:identity']);
    expect(edgesOf(r, 'name')).toEqual(['customers.name:identity']);
  });

  it('ignores a differing database part but never matches a qualified name on the bare table name', () => {
    const r = derive('select a.order_id, b.order_id as other from prod.shop.orders a, analytics.orders b');
    expect(edgesOf(r, 'order_id')).toEqual(['orders.order_id:identity']);
    expect(edgesOf(r, 'other')).toEqual([]);
    expect(issueCodes(r)).toContain('SQL_RELATION_NOT_UPSTREAM');
  });

  it('resolves unqualified columns against the single source, or the joined source that lists them', () => {
    const single = derive('select status from db.shop.orders');
    expect(edgesOf(single, 'status')).toEqual(['orders.status:identity']);
    const joined = derive('select name, amount from shop.orders o join shop.customers c using (customer_id)');
    expect(edgesOf(joined, 'name')).toEqual(['customers.name:identity']);
    expect(edgesOf(joined, 'amount')).toEqual(['orders.amount:identity']);
  });

  it('takes a USING join column from both sides', () => {
    const r = derive('select customer_id from shop.orders join shop.customers using (customer_id)');
    expect(edgesOf(r, 'customer_id')).toEqual(['customers.customer_id:identity', 'orders.customer_id:identity']);
  });

  it('accepts a column the upstream does not list when the reference is unambiguous', () => {
    const r = derive('select o.discount from shop.orders o');
    expect(edgesOf(r, 'discount')).toEqual(['orders.discount:identity']);
  });
});

describe('CTEs', () => {
  it('follows nested WITH clauses and CTEs that read earlier CTEs', () => {
    const sql = `
      with a as (
        with inner_cte as (select order_id, amount from shop.orders)
        select order_id as id, amount from inner_cte
      ),
      b as (select id, amount + 1 as amount_plus from a)
      select id, amount_plus from b`;
    const r = derive(sql);
    expect(edgesOf(r, 'id')).toEqual(['orders.order_id:identity']);
    expect(edgesOf(r, 'amount_plus')).toEqual(['orders.amount:expression']);
  });

  it('applies a CTE column list', () => {
    const r = derive('with t (x, y) as (select order_id, amount from shop.orders) select y from t');
    expect(edgesOf(r, 'y')).toEqual(['orders.amount:identity']);
  });

  it('terminates on a recursive CTE and keeps the lineage of its base case', () => {
    const sql = `
      with recursive chain as (
        select order_id, customer_id, 1 as depth from shop.orders
        union all
        select c.order_id, c.customer_id, c.depth + 1 from chain c where c.depth < 5
      )
      select order_id, depth from chain`;
    const r = derive(sql);
    expect(r.parsed).toBe(true);
    expect(edgesOf(r, 'order_id')).toEqual(['orders.order_id:identity']);
    expect(edgesOf(r, 'depth')).toEqual([]);
  });

  it('lets a CTE shadow an upstream of the same bare name', () => {
    const r = derive('with orders as (select customer_id as order_id from shop.customers) select order_id from orders');
    expect(edgesOf(r, 'order_id')).toEqual(['customers.customer_id:identity']);
  });
});

describe('dbt ephemeral models (inlined as __dbt__cte__<name>)', () => {
  const sql = `with __dbt__cte__order_totals as (
                 select order_id, amount * 1.2 as gross from db.shop.orders
               )
               select o.order_id, o.gross from __dbt__cte__order_totals o`;

  it('stops at the ephemeral model when the caller lists it as an upstream', () => {
    const ephemeral = { urn: 'order_totals', names: ['__dbt__cte__order_totals'], columns: ['order_id', 'gross'] };
    const r = deriveColumnLineage({ sql, adapter: 'postgres', upstreams: [ephemeral] });
    expect(edgesOf(r, 'gross')).toEqual(['order_totals.gross:identity']);
  });

  it('goes through the inlined SQL to the ephemeral model’s own upstreams otherwise', () => {
    const r = deriveColumnLineage({ sql, adapter: 'postgres', upstreams: [orders] });
    expect(edgesOf(r, 'gross')).toEqual(['orders.amount:expression']);
  });
});

describe('set operations', () => {
  it('merges UNION branches by position under the first branch names', () => {
    const sql = `select order_id as id, amount from shop.orders
                 union all
                 select customer_id, 0 from shop.customers`;
    const r = derive(sql);
    expect(r.outputColumns).toEqual(['id', 'amount']);
    expect(edgesOf(r, 'id')).toEqual(['customers.customer_id:identity', 'orders.order_id:identity']);
    expect(edgesOf(r, 'amount')).toEqual(['orders.amount:identity']);
  });
});

describe('star expansion', () => {
  it('expands * and alias.* from upstream column lists', () => {
    const r = derive('select o.*, c.name from shop.orders o join shop.customers c on o.customer_id = c.customer_id');
    expect(r.outputColumns).toEqual(['order_id', 'customer_id', 'amount', 'status', 'ordered_at', 'name']);
    expect(edgesOf(r, 'ordered_at')).toEqual(['orders.ordered_at:identity']);
  });

  it('expands * from CTE outputs, honouring BigQuery EXCEPT', () => {
    const sql = 'with x as (select order_id, amount, status from `db`.`shop`.`orders`) select * except (status) from x';
    const r = derive(sql, 'bigquery');
    expect(r.outputColumns).toEqual(['order_id', 'amount']);
  });

  it('completes a * over unknown columns from the model columns, else reports it', () => {
    const withModel = derive('select * from raw.events', 'postgres', ['event_id', 'payload']);
    expect(withModel.outputColumns).toEqual(['event_id', 'payload']);
    expect(edgesOf(withModel, 'payload')).toEqual(['events.payload:identity']);
    const without = derive('select * from raw.events');
    expect(without.outputColumns).toEqual([]);
    expect(issueCodes(without)).toEqual(['SQL_STAR_UNEXPANDED']);
  });
});

describe('transformation kinds', () => {
  it('treats renaming and casting a bare column as identity, anything else as expression', () => {
    const r = derive(`select order_id as id, cast(amount as numeric) as amount_num, status::text as st,
                      upper(status) as status_upper, coalesce(amount, 0) as amount_safe from shop.orders`);
    expect(edgesOf(r, 'id')).toEqual(['orders.order_id:identity']);
    expect(edgesOf(r, 'amount_num')).toEqual(['orders.amount:identity']);
    expect(edgesOf(r, 'st')).toEqual(['orders.status:identity']);
    expect(edgesOf(r, 'status_upper')).toEqual(['orders.status:expression']);
    expect(edgesOf(r, 'amount_safe')).toEqual(['orders.amount:expression']);
  });

  it('treats aggregates and window functions as aggregation, including their PARTITION/ORDER columns', () => {
    const r = derive(`select customer_id, count(distinct order_id) as n, count(*) as rows_seen,
                      row_number() over (partition by customer_id order by ordered_at) as seq
                      from shop.orders group by customer_id, order_id, ordered_at`);
    expect(edgesOf(r, 'n')).toEqual(['orders.order_id:aggregation']);
    expect(edgesOf(r, 'rows_seen')).toEqual([]);
    expect(edgesOf(r, 'seq')).toEqual(['orders.customer_id:aggregation', 'orders.ordered_at:aggregation']);
    expect(issueCodes(r)).toEqual([]);
  });

  it('keeps the strongest kind along a path through CTEs', () => {
    const r = derive('with t as (select sum(amount) as total from shop.orders) select total as grand_total from t');
    expect(edgesOf(r, 'grand_total')).toEqual(['orders.amount:aggregation']);
  });

  it('does not take date-part keywords for columns', () => {
    const r = derive("select date_trunc('month', ordered_at) as m, datediff(day, ordered_at, now()) as age from shop.orders", 'snowflake');
    expect(edgesOf(r, 'age')).toEqual(['orders.ordered_at:expression']);
    expect(issueCodes(r)).toEqual([]);
  });
});

describe('struct fields (BigQuery)', () => {
  const games = (columns: string[]) => [upstream('games', 'proj.chess.games', columns)];
  const sql = 'select white.rating as white_rating, g.black.rating as black_rating from `proj`.`chess`.`games` g';

  it('prefers a dotted catalog column, else the struct column as an expression', () => {
    const r = deriveColumnLineage({ sql, adapter: 'bigquery', upstreams: games(['white.rating', 'black']) });
    expect(edgesOf(r, 'white_rating')).toEqual(['games.white.rating:identity']);
    expect(edgesOf(r, 'black_rating')).toEqual(['games.black:expression']);
  });

  it('does not guess an unknown qualifier into a column', () => {
    const r = deriveColumnLineage({ sql, adapter: 'bigquery', upstreams: games([]) });
    expect(edgesOf(r, 'white_rating')).toEqual([]);
    expect(r.issues.find((i) => i.column === 'white_rating')?.code).toBe('SQL_COLUMN_UNRESOLVED');
    expect(edgesOf(r, 'black_rating')).toEqual(['games.black:expression']);
  });
});

describe('subqueries and select-list aliases', () => {
  it('draws lineage from a scalar subquery, correlated or not', () => {
    const sql = `select c.customer_id,
                   (select max(o.amount) from shop.orders o where o.customer_id = c.customer_id) as top_amount
                 from shop.customers c`;
    const r = derive(sql);
    // The WHERE clause correlates rows; it is not where the value comes from.
    expect(edgesOf(r, 'top_amount')).toEqual(['orders.amount:aggregation']);
  });

  it('resolves references to earlier select-list aliases (Snowflake lateral column alias)', () => {
    const r = derive('select amount * 2 as doubled, doubled + 1 as doubled_plus from raw.events', 'snowflake');
    expect(edgesOf(r, 'doubled_plus')).toEqual(['events.amount:expression']);
  });
});

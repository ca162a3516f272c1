/**
 * Writes the demo's dbt artifacts (src/demo/data/jaffle_shop/target/{manifest,catalog,run_results}.json): a small
 * jaffle-shop-like project of our own making, in dbt's v12 manifest / v1 catalog / v6 run_results format, so that
 * `npm start` exercises the real dbt ingestion. Run `npx tsx src/demo/generate-jaffle-shop.ts` after editing it.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../project-root.js';

const PROJECT = 'jaffle_shop';
const DB = 'analytics';
const GENERATED_AT = '2026-01-05T06:00:00.000000Z';
const INVOCATION = '4b7c2d1e-5f60-4a7b-8c9d-0e1f2a3b4c5d';

interface Col {
  name: string;
  type: string;
  description?: string;
  tags?: string[];
}

const raw = {
  customers: [col('id', 'integer', 'Customer id'), col('first_name', 'text', 'First name', ['pii']), col('last_name', 'text', 'Last name', ['pii'])],
  orders: [col('id', 'integer', 'Order id'), col('user_id', 'integer', 'Customer id'), col('order_date', 'date', 'Order date'), col('status', 'text', 'Order status')],
  payments: [col('id', 'integer', 'Payment id'), col('order_id', 'integer', 'Order id'), col('payment_method', 'text', 'Payment method'), col('amount', 'integer', 'Amount in cents')],
};

function col(name: string, type: string, description?: string, tags?: string[]): Col {
  return { name, type, description, tags };
}

const nodes: Record<string, unknown> = {};
const sources: Record<string, unknown> = {};
const exposures: Record<string, unknown> = {};
const parentMap: Record<string, string[]> = {};

function columns(cols: Col[]) {
  return Object.fromEntries(
    cols.map((c) => [c.name, { name: c.name, description: c.description ?? '', meta: {}, data_type: c.type, constraints: [], quote: null, tags: c.tags ?? [] }]),
  );
}

for (const [table, cols] of Object.entries(raw)) {
  const id = `source.${PROJECT}.raw.${table}`;
  sources[id] = {
    database: DB, schema: 'raw', name: table, resource_type: 'source', package_name: PROJECT,
    path: 'models/staging/sources.yml', original_file_path: 'models/staging/sources.yml', unique_id: id,
    fqn: [PROJECT, 'staging', 'raw', table], source_name: 'raw', source_description: 'Tables the shop application writes',
    loader: 'fivetran', identifier: table, quoting: {}, loaded_at_field: null, freshness: null,
    external: null, description: `Raw ${table} as the shop application stores them`, columns: columns(cols), meta: {}, source_meta: {},
    tags: ['raw'], config: { enabled: true }, relation_name: `"${DB}"."raw"."${table}"`, created_at: 1767592800,
  };
  parentMap[id] = [];
}

function model(name: string, layer: string, o: { deps: string[]; cols: Col[]; sql: string; description?: string; tags?: string[]; meta?: Record<string, unknown>; materialized: string }) {
  const id = `model.${PROJECT}.${name}`;
  nodes[id] = {
    database: DB, schema: PROJECT, name, resource_type: 'model', package_name: PROJECT,
    path: `${layer}/${name}.sql`, original_file_path: `models/${layer}/${name}.sql`, unique_id: id, fqn: [PROJECT, layer, name],
    alias: name, checksum: { name: 'sha256', checksum: name }, config: { enabled: true, materialized: o.materialized, tags: o.tags ?? [], meta: o.meta ?? {} },
    tags: o.tags ?? [], description: o.description ?? '', columns: columns(o.cols), meta: o.meta ?? {},
    relation_name: `"${DB}"."${PROJECT}"."${name}"`, raw_code: o.sql, compiled_code: o.sql, language: 'sql',
    depends_on: { macros: [], nodes: o.deps }, refs: [], sources: [], access: 'protected', version: null, latest_version: null,
    deprecation_date: null, contract: { enforced: false }, constraints: [], created_at: 1767592800,
  };
  parentMap[id] = o.deps;
}

const src = (t: string) => `source.${PROJECT}.raw.${t}`;
const ref = (m: string) => `model.${PROJECT}.${m}`;
const rel = (m: string) => `${DB}.${PROJECT}.${m}`;

model('stg_customers', 'staging', {
  deps: [src('customers')], materialized: 'view', description: 'One row per customer, renamed from the raw table',
  cols: [col('customer_id', 'integer', 'Primary key'), col('first_name', 'text', 'First name', ['pii']), col('last_name', 'text', 'Last name', ['pii'])],
  sql: `select id as customer_id, first_name, last_name from ${DB}.raw.customers`,
});
model('stg_orders', 'staging', {
  deps: [src('orders')], materialized: 'view', description: 'One row per order',
  cols: [col('order_id', 'integer', 'Primary key'), col('customer_id', 'integer', 'Who ordered'), col('order_date', 'date'), col('status', 'text', 'placed, shipped, completed, returned')],
  sql: `select id as order_id, user_id as customer_id, order_date, status from ${DB}.raw.orders`,
});
// No description on purpose: the demo shows what an undocumented model looks like.
model('stg_payments', 'staging', {
  deps: [src('payments')], materialized: 'view',
  cols: [col('payment_id', 'integer'), col('order_id', 'integer'), col('payment_method', 'text'), col('amount', 'numeric', 'Amount in dollars')],
  sql: `select id as payment_id, order_id, payment_method, amount / 100 as amount from ${DB}.raw.payments`,
});
model('orders', 'marts', {
  deps: [ref('stg_orders'), ref('stg_payments')], materialized: 'table', tags: ['finance'],
  meta: { owner: { email: 'finance@jaffle.example', name: 'Finance analytics' } },
  description: 'One row per order with its payment total',
  cols: [col('order_id', 'integer', 'Primary key'), col('customer_id', 'integer'), col('order_date', 'date'), col('status', 'text'), col('amount', 'numeric', 'Total paid')],
  sql: `select o.order_id, o.customer_id, o.order_date, o.status, sum(p.amount) as amount from ${rel('stg_orders')} as o left join ${rel('stg_payments')} as p on p.order_id = o.order_id group by o.order_id, o.customer_id, o.order_date, o.status`,
});
model('customers', 'marts', {
  deps: [ref('stg_customers'), ref('stg_orders'), ref('stg_payments')], materialized: 'table', tags: ['marketing'],
  meta: { owner: { email: 'analytics@jaffle.example', name: 'Customer analytics' } },
  description: 'One row per customer with their order history and lifetime value',
  cols: [col('customer_id', 'integer', 'Primary key'), col('first_name', 'text', 'First name'), col('last_name', 'text', 'Last name'), col('first_order', 'date'), col('number_of_orders', 'bigint'), col('lifetime_value', 'numeric')],
  sql: `select c.customer_id, c.first_name, c.last_name, min(o.order_date) as first_order, count(o.order_id) as number_of_orders, sum(p.amount) as lifetime_value from ${rel('stg_customers')} as c left join ${rel('stg_orders')} as o on o.customer_id = c.customer_id left join ${rel('stg_payments')} as p on p.order_id = o.order_id group by c.customer_id, c.first_name, c.last_name`,
});

function test(name: string, testName: string, model: string, column: string, kwargs: Record<string, unknown> = {}) {
  const id = `test.${PROJECT}.${name}`;
  nodes[id] = {
    database: DB, schema: `${PROJECT}_dbt_test__audit`, name, resource_type: 'test', package_name: PROJECT,
    path: `${name}.sql`, original_file_path: 'models/schema.yml', unique_id: id, fqn: [PROJECT, name], alias: name,
    checksum: { name: 'none', checksum: '' }, config: { enabled: true, severity: 'ERROR', materialized: 'test' }, tags: [], description: '',
    columns: {}, meta: {}, raw_code: `{{ test_${testName}(**_dbt_generic_test_kwargs) }}`, language: 'sql',
    depends_on: { macros: [`macro.dbt.test_${testName}`], nodes: [ref(model)] }, refs: [{ name: model }], sources: [],
    test_metadata: { name: testName, namespace: null, kwargs: { column_name: column, model: `{{ get_where_subquery(ref('${model}')) }}`, ...kwargs } },
    column_name: column, attached_node: ref(model), created_at: 1767592800,
  };
  parentMap[id] = [ref(model)];
  return id;
}

const tests = [
  test('unique_customers_customer_id', 'unique', 'customers', 'customer_id'),
  test('not_null_customers_customer_id', 'not_null', 'customers', 'customer_id'),
  test('unique_orders_order_id', 'unique', 'orders', 'order_id'),
  test('accepted_values_stg_orders_status', 'accepted_values', 'stg_orders', 'status', { values: ['placed', 'shipped', 'completed', 'return_pending'] }),
  test('not_null_stg_payments_amount', 'not_null', 'stg_payments', 'amount'),
];

exposures[`exposure.${PROJECT}.weekly_revenue`] = {
  name: 'weekly_revenue', resource_type: 'exposure', package_name: PROJECT, path: 'exposures.yml', original_file_path: 'models/exposures.yml',
  unique_id: `exposure.${PROJECT}.weekly_revenue`, fqn: [PROJECT, 'weekly_revenue'], type: 'dashboard', maturity: 'high',
  owner: { email: 'finance@jaffle.example', name: 'Finance analytics' }, description: 'Weekly revenue dashboard for the finance team',
  label: 'Weekly revenue', url: 'https://bi.jaffle.example/dashboards/weekly-revenue', depends_on: { macros: [], nodes: [ref('orders'), ref('customers')] },
  refs: [{ name: 'orders' }, { name: 'customers' }], sources: [], meta: {}, tags: ['finance'], config: { enabled: true }, created_at: 1767592800,
};
parentMap[`exposure.${PROJECT}.weekly_revenue`] = [ref('orders'), ref('customers')];

const childMap: Record<string, string[]> = Object.fromEntries(Object.keys(parentMap).map((k) => [k, [] as string[]]));
for (const [child, parents] of Object.entries(parentMap)) for (const p of parents) childMap[p]?.push(child);

const manifest = {
  metadata: {
    dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json', dbt_version: '1.9.1', generated_at: GENERATED_AT,
    invocation_id: INVOCATION, env: {}, project_name: PROJECT, project_id: '0f1e2d3c4b5a69788796a5b4c3d2e1f0', user_id: null,
    send_anonymous_usage_stats: false, adapter_type: 'postgres',
  },
  nodes, sources, macros: {}, docs: {}, exposures, metrics: {}, groups: {}, selectors: {}, disabled: {},
  parent_map: parentMap, child_map: childMap, group_map: {}, saved_queries: {}, semantic_models: {}, unit_tests: {},
};

function catalogEntry(id: string, schema: string, name: string, cols: Col[], type: string) {
  return [id, {
    metadata: { type, schema, name, database: DB, comment: null, owner: 'transformer' },
    columns: Object.fromEntries(cols.map((c, i) => [c.name, { type: c.type, index: i + 1, name: c.name, comment: null }])),
    stats: { has_stats: { id: 'has_stats', label: 'Has Stats?', value: false, include: false, description: '' } },
    unique_id: id,
  }];
}
const catalog = {
  metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/catalog/v1.json', dbt_version: '1.9.1', generated_at: GENERATED_AT, invocation_id: INVOCATION, env: {} },
  nodes: Object.fromEntries(
    Object.values(nodes)
      .map((n) => n as { unique_id: string; resource_type: string; name: string; columns: Record<string, { data_type: string }>; config: { materialized: string } })
      .filter((n) => n.resource_type === 'model')
      .map((n) => catalogEntry(n.unique_id, PROJECT, n.name, Object.entries(n.columns).map(([c, v]) => col(c, v.data_type)), n.config.materialized === 'view' ? 'VIEW' : 'BASE TABLE')),
  ),
  sources: Object.fromEntries(Object.entries(raw).map(([t, cols]) => catalogEntry(src(t), 'raw', t, cols, 'BASE TABLE'))),
  errors: null,
};

let clock = Date.parse('2026-01-05T06:00:01Z');
function result(id: string, status: string, failures: number | null, message: string | null) {
  const started = new Date(clock).toISOString();
  clock += 1500;
  const ended = new Date(clock).toISOString();
  return {
    status, timing: [{ name: 'execute', started_at: started, completed_at: ended }], thread_id: 'Thread-1', execution_time: 1.5,
    adapter_response: {}, message, failures, unique_id: id, compiled: true, compiled_code: null, relation_name: null, batch_results: null,
  };
}
const models = Object.keys(nodes).filter((k) => k.startsWith('model.'));
const runResults = {
  metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/run-results/v6.json', dbt_version: '1.9.1', generated_at: GENERATED_AT, invocation_id: INVOCATION, env: {} },
  results: [
    ...models.map((m) => result(m, 'success', null, 'SELECT 1')),
    ...tests.map((t) => (t.includes('accepted_values')
      ? result(t, 'fail', 1, 'Got 1 result, configured to fail if != 0')
      : result(t, 'pass', 0, null))),
  ],
  elapsed_time: 18.2,
  args: { which: 'build', invocation_command: 'dbt build' },
};

const out = path.join(projectRoot(), 'src', 'demo', 'data', 'jaffle_shop', 'target');
const write = (file: string, value: unknown) => writeFileSync(path.join(out, file), `${JSON.stringify(value, null, 1)}\n`);
write('manifest.json', manifest);
write('catalog.json', catalog);
write('run_results.json', runResults);

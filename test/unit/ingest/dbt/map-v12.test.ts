import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DbtArtifacts } from '../../../../ingest/dbt/artifacts.js';
import { loadDbtArtifacts } from '../../../../ingest/dbt/load-artifacts.js';
import { mapDbtArtifacts, type DbtMapped } from '../../../../ingest/dbt/map-dbt.js';
import { fixturePath } from '../../../support/corpus.js';
import { edgesOf, hasEdge, issuesWith, node, wellFormedProblems, withLabel } from './graph-helpers.js';

const U = (id: string) => `urn:dbt:shop:${id}`;
let artifacts: DbtArtifacts;
let m: DbtMapped;

beforeAll(async () => {
  artifacts = await loadDbtArtifacts({ path: fixturePath('dbt', 'v12-shop') });
  m = mapDbtArtifacts(artifacts);
});

describe('v12 manifest (dbt Cloud 2024.9.243) with catalog, run_results and sources.json', () => {
  it('is a well-formed graph scoped by metadata.project_name', () => {
    expect(wellFormedProblems(m)).toEqual([]);
    expect(m.namespace).toBe('shop');
    expect(m.invocationIds).toEqual(['inv-manifest-1', 'inv-run-1', 'inv-fresh-1']);
  });

  it('makes one Capsule per enabled model, seed, snapshot, analysis, source, exposure, metric, semantic model, saved query', () => {
    const owned = withLabel(m, 'Capsule').filter((n) => n.mode !== 'reference');
    const count = (label: string) => owned.filter((n) => n.labels[1] === label).length;
    expect(owned.every((n) => n.labels[0] === 'Capsule' && n.labels.length === 2)).toBe(true);
    expect({ Model: count('Model'), Seed: count('Seed'), Snapshot: count('Snapshot'), Analysis: count('Analysis') }).toEqual({ Model: 6, Seed: 1, Snapshot: 1, Analysis: 1 });
    expect({ Source: count('Source'), Exposure: count('Exposure'), Metric: count('Metric'), SemanticModel: count('SemanticModel'), SavedQuery: count('SavedQuery') }).toEqual({
      Source: 1, Exposure: 1, Metric: 1, SemanticModel: 1, SavedQuery: 1,
    });
    expect(m.stats).toMatchObject({ capsules: 14, disabled: 2 });
    const mapped = [...withLabel(m, 'Capsule'), ...withLabel(m, 'Test')].map((n) => n.urn);
    expect(mapped.some((urn) => urn.includes('old_seed') || urn.includes('accepted_range') || urn.includes('operation.'))).toBe(false);
  });

  it('carries the model props the API reads', () => {
    const stg = node(m, U('model.shop.stg_orders')).props;
    const code = artifacts.manifest.resources.get('model.shop.stg_orders')?.compiledCode as string;
    expect(stg).toMatchObject({
      name: 'stg_orders', resourceType: 'model', namespace: 'shop', uniqueId: 'model.shop.stg_orders', packageName: 'shop',
      database: 'analytics', schema: 'main', alias: 'stg_orders', relationName: '"analytics"."main"."stg_orders"',
      physicalName: 'analytics.main.stg_orders', adapter: 'snowflake', materialization: 'view', language: 'sql',
      description: 'Orders, one row per order', tags: ['pii', 'daily'], owner: 'Sales Ops', access: 'protected',
      contractEnforced: false, filePath: 'models/staging/sales/stg_orders.sql', checksum: 'c0ffeestg_orders',
      compiledCode: code, compiledCodeHash: createHash('sha256').update(code).digest('hex'), dbtVersion: '2024.9.243',
      layer: 'staging', tableType: 'VIEW', rowCount: 1200, sizeBytes: 2048,
    });
    expect(JSON.parse(stg.metaJson as string)).toEqual({ owner: 'Sales Ops', domain: 'Sales', data_product: 'Orders360' });
  });

  it('keeps versioned models apart, with access, group, contract and constraints', () => {
    const v1 = node(m, U('model.shop.orders.v1')).props;
    const v2 = node(m, U('model.shop.orders.v2')).props;
    expect(v1).toMatchObject({ name: 'orders', version: '1', latestVersion: '2', access: 'public', group: 'finance', contractEnforced: true, layer: 'marts', deprecationDate: '2024-12-31T00:00:00+00:00' });
    expect(v2).toMatchObject({ name: 'orders', version: '2', physicalName: 'analytics.main.orders_v2' });
    expect(JSON.parse(v2.constraintsJson as string)).toEqual([expect.objectContaining({ type: 'primary_key', columns: ['order_id'] })]);
  });

  it('derives physicalName from relation_name, else from the parts, and never for ephemeral models or non-relations', () => {
    expect(node(m, U('model.shop.fct_revenue')).props.physicalName).toBe('marts.fct_revenue');
    expect(node(m, U('source.shop.stripe.payments')).props.physicalName).toBe('analytics.stripe.payments_v2');
    for (const id of ['model.shop.stg_payments', 'exposure.shop.weekly_dashboard', 'metric.shop.revenue', 'semantic_model.shop.orders', 'analysis.shop.revenue_analysis']) {
      expect(node(m, U(id)).props.physicalName).toBeUndefined();
    }
  });

  it('carries source, exposure and metric specifics', () => {
    expect(node(m, U('source.shop.stripe.payments')).props).toMatchObject({ sourceName: 'stripe', loader: 'fivetran', identifier: 'PAYMENTS_V2', owner: 'payments@shop.io' });
    expect(JSON.parse(node(m, U('source.shop.stripe.payments')).props.freshnessJson as string)).toMatchObject({ warn_after: { count: 12, period: 'hour' } });
    expect(node(m, U('exposure.shop.weekly_dashboard')).props).toMatchObject({ exposureType: 'dashboard', url: 'https://bi.shop.io/weekly', maturity: 'high', label: 'Weekly', owner: 'BI@Shop.io' });
    const metric = node(m, U('metric.shop.revenue')).props;
    expect(metric).toMatchObject({ metricType: 'simple', label: 'Revenue' });
    expect(JSON.parse(metric.expressionJson as string)).toMatchObject({ measure: { name: 'order_total' } });
  });

  it('flows table lineage from depends_on, including to exposures, metrics, semantic models and saved queries', () => {
    const flows = (from: string, to: string) => hasEdge(m, 'FLOWS_TO', from, to);
    expect(flows(U('seed.shop.raw_orders'), U('model.shop.stg_orders'))).toBe(true);
    expect(flows(U('source.shop.stripe.payments'), U('model.shop.stg_payments'))).toBe(true);
    expect(flows(U('model.shop.stg_payments'), U('model.shop.orders.v2'))).toBe(true);
    expect(flows(U('model.shop.orders.v2'), U('semantic_model.shop.orders'))).toBe(true);
    expect(flows(U('semantic_model.shop.orders'), U('metric.shop.revenue'))).toBe(true);
    expect(flows(U('metric.shop.revenue'), U('saved_query.shop.weekly'))).toBe(true);
    expect(flows(U('metric.shop.revenue'), U('exposure.shop.weekly_dashboard'))).toBe(true);
    expect(flows(U('model.shop.fct_revenue'), U('analysis.shop.revenue_analysis'))).toBe(true);
    expect(m.stats?.flowsTo).toBe(edgesOf(m, 'FLOWS_TO').length);
  });

  it('links other dbt projects through reference capsules in their namespace', () => {
    const injected = node(m, 'urn:dbt:platform:model.platform.dim_dates');
    expect(injected).toMatchObject({ mode: 'reference', labels: ['Capsule', 'Model'] });
    expect(injected.props).toMatchObject({ namespace: 'platform', physicalName: 'analytics.platform.dim_dates', access: 'public' });
    expect(node(m, 'urn:dbt:platform:model.platform.customers')).toMatchObject({ mode: 'reference', props: { name: 'customers', namespace: 'platform' } });
    expect(hasEdge(m, 'FLOWS_TO', 'urn:dbt:platform:model.platform.dim_dates', U('model.shop.fct_revenue'))).toBe(true);
    expect(hasEdge(m, 'FLOWS_TO', 'urn:dbt:platform:model.platform.customers', U('model.shop.orders.v2'))).toBe(true);
    // An installed package's model is ours (same namespace, not a reference).
    expect(node(m, U('model.elementary.elementary_log')).mode).toBeUndefined();
  });

  it('reports dangling and non-capsule dependencies instead of drawing edges', () => {
    expect(issuesWith(m, 'DBT_DANGLING_DEPENDENCY')).toEqual([
      expect.objectContaining({ severity: 'warning', subject: U('model.shop.fct_revenue'), message: expect.stringContaining('model.shop.ghost') }),
    ]);
    expect(issuesWith(m, 'DBT_NON_CAPSULE_DEPENDENCY')).toEqual([expect.objectContaining({ severity: 'info', message: expect.stringContaining('function.shop.add_tax') })]);
    expect(m.edges.some((e) => e.from.includes('ghost') || e.from.includes('add_tax'))).toBe(false);
  });

  it('merges manifest and catalog columns case-insensitively', () => {
    const cols = edgesOf(m, 'HAS_COLUMN').filter((e) => e.from === U('model.shop.stg_orders')).map((e) => e.to);
    expect(cols.sort()).toEqual([U('model.shop.stg_orders#amount'), U('model.shop.stg_orders#customer_id'), U('model.shop.stg_orders#order_id')]);
    expect(node(m, U('model.shop.stg_orders#order_id')).props).toMatchObject({ name: 'order_id', dataType: 'NUMBER', index: 1, description: 'Primary key', tags: ['key'], inferred: false, capsuleUrn: U('model.shop.stg_orders') });
    expect(node(m, U('model.shop.stg_orders#customer_id')).props).toMatchObject({ name: 'CUSTOMER_ID', description: 'who ordered', inferred: false });
    expect(node(m, U('source.shop.stripe.payments#payment method')).props.name).toBe('Payment Method');
    expect(JSON.parse(node(m, U('model.shop.orders.v1#order_id')).props.constraintsJson as string)).toEqual([expect.objectContaining({ type: 'not_null' })]);
    expect(hasEdge(m, 'TAGGED_WITH', U('model.shop.stg_orders#order_id'), 'urn:tag:key')).toBe(true);
    expect(m.stats).toMatchObject({ columns: 9, catalogTestEntries: 1, catalogUnmatched: 1 });
    expect(issuesWith(m, 'DBT_CATALOG_UNMATCHED')).toEqual([expect.objectContaining({ subject: 'model.shop.removed_model', file: artifacts.catalogPath })]);
  });

  it('maps generic, singular and unit tests to what they test', () => {
    const t = (id: string) => node(m, U(id)).props;
    expect(t('test.shop.not_null_stg_orders_order_id.1a2b3c')).toMatchObject({ testType: 'generic', testName: 'not_null', severity: 'ERROR', columnName: 'order_id', kind: 'column' });
    expect(JSON.parse(t('test.shop.not_null_stg_orders_order_id.1a2b3c').kwargsJson as string)).toMatchObject({ column_name: 'order_id' });
    expect(t('test.shop.assert_positive_revenue')).toMatchObject({ testType: 'singular', kind: 'table' });
    expect(t('unit_test.shop.stg_orders.test_amounts')).toMatchObject({ testType: 'unit', description: 'amounts pass through' });
    expect(edgesOf(m, 'TESTS').map((e) => `${e.from.slice(13)} -> ${e.to.slice(13)}`).sort()).toEqual([
      'test.shop.assert_positive_revenue -> model.shop.fct_revenue',
      'test.shop.not_null_stg_orders_order_id.1a2b3c -> model.shop.stg_orders',
      'test.shop.not_null_stg_orders_order_id.1a2b3c -> model.shop.stg_orders#order_id',
      'test.shop.relationships_orders_order_id.4d5e6f -> model.shop.orders.v2',
      'test.shop.relationships_orders_order_id.4d5e6f -> model.shop.orders.v2#order_id',
      'unit_test.shop.stg_orders.test_amounts -> model.shop.stg_orders',
    ]);
  });

  it('maps run results and freshness results to their invocation and node', () => {
    const run = node(m, 'urn:dbt:invocation:inv-run-1');
    expect(run.labels).toEqual(['Run', 'Invocation']);
    expect(run.props).toMatchObject({ invocationId: 'inv-run-1', command: 'build', status: 'error', elapsedTime: 15.5, dbtVersion: '2024.9.243', generatedAt: '2024-09-19T20:02:00Z' });
    expect(node(m, 'urn:dbt:invocation:inv-manifest-1').props.generatedAt).toBe('2024-09-19T20:00:00.000000Z');
    const fail = node(m, 'urn:dbt:shop:result:inv-run-1:test.shop.relationships_orders_order_id.4d5e6f');
    expect(fail.labels).toEqual(['Run', 'StepRun', 'TestResult']);
    expect(fail.props).toMatchObject({ status: 'fail', failures: 3, executionTime: 2, startedAt: '2024-09-19T20:01:00Z', completedAt: '2024-09-19T20:01:02Z', threadId: 'Thread-1 (worker)' });
    const model = node(m, 'urn:dbt:shop:result:inv-run-1:model.shop.stg_orders');
    expect(model.labels).toEqual(['Run', 'StepRun', 'RunResult']);
    expect(JSON.parse(model.props.adapterResponseJson as string)).toEqual({ _message: 'SUCCESS 1', code: 'SUCCESS', rows_affected: null });
    expect(hasEdge(m, 'RESULT_OF', fail.urn, U('test.shop.relationships_orders_order_id.4d5e6f'))).toBe(true);
    expect(hasEdge(m, 'RESULT_OF', model.urn, U('model.shop.stg_orders'))).toBe(true);
    expect(hasEdge(m, 'IN_INVOCATION', model.urn, run.urn)).toBe(true);
    // The shared run model: invocation INSTANCE_OF the project's Job, result PART_OF_RUN it and INSTANCE_OF its Step.
    expect(node(m, 'urn:dbt:shop:job')).toMatchObject({ labels: ['Job'], mode: 'reference', props: { name: 'shop', kind: 'dbt' } });
    expect(hasEdge(m, 'INSTANCE_OF', run.urn, 'urn:dbt:shop:job')).toBe(true);
    expect(hasEdge(m, 'PART_OF_RUN', model.urn, run.urn)).toBe(true);
    expect(hasEdge(m, 'INSTANCE_OF', model.urn, 'urn:dbt:shop:job#step:model.shop.stg_orders')).toBe(true);
    expect(hasEdge(m, 'HAS_STEP', 'urn:dbt:shop:job', 'urn:dbt:shop:job#step:model.shop.stg_orders')).toBe(true);
    expect(node(m, 'urn:dbt:shop:job#step:model.shop.stg_orders').props).toMatchObject({ name: 'model.shop.stg_orders', resourceType: 'model' });
    const fresh = node(m, 'urn:dbt:shop:result:inv-fresh-1:source.shop.stripe.payments');
    expect(fresh.props).toMatchObject({ status: 'warn', maxLoadedAtTimeAgoInS: 46800 });
    expect(node(m, 'urn:dbt:shop:result:inv-fresh-1:source.shop.stripe.refunds').props).toMatchObject({ status: 'error', rawStatus: 'runtime error', message: 'relation does not exist' });
    expect(node(m, 'urn:dbt:invocation:inv-fresh-1').props).toMatchObject({ command: 'source freshness', status: 'error' });
    expect(issuesWith(m, 'DBT_RESULT_UNMATCHED').map((i) => [i.severity, i.subject?.split(':').pop()])).toEqual([
      ['warning', 'model.shop.gone'], ['info', 'operation.shop.shop-on-run-end-0'], ['warning', 'source.shop.stripe.refunds'],
    ]);
    expect(m.edges.filter((e) => e.type === 'RESULT_OF' && e.from.includes('gone'))).toEqual([]);
  });

  it('links owners, tags, groups, domains and data products', () => {
    expect(hasEdge(m, 'OWNED_BY', U('model.shop.stg_orders'), 'urn:owner:sales ops')).toBe(true);
    expect(hasEdge(m, 'OWNED_BY', U('exposure.shop.weekly_dashboard'), 'urn:owner:bi@shop.io')).toBe(true);
    expect(hasEdge(m, 'OWNED_BY', U('group.shop.finance'), 'urn:owner:finance@shop.io')).toBe(true);
    expect(hasEdge(m, 'IN_GROUP', U('model.shop.orders.v1'), U('group.shop.finance'))).toBe(true);
    expect(hasEdge(m, 'IN_GROUP', U('metric.shop.revenue'), U('group.shop.finance'))).toBe(true);
    expect(hasEdge(m, 'TAGGED_WITH', U('model.shop.stg_orders'), 'urn:tag:pii')).toBe(true);
    expect(hasEdge(m, 'IN_DOMAIN', U('model.shop.stg_orders'), 'urn:domain:sales')).toBe(true);
    expect(hasEdge(m, 'IN_DOMAIN', U('source.shop.stripe.payments'), 'urn:domain:payments')).toBe(true);
    expect(hasEdge(m, 'PART_OF', U('model.shop.stg_orders'), 'urn:dataproduct:orders360')).toBe(true);
    for (const urn of ['urn:owner:sales ops', 'urn:tag:pii', 'urn:domain:sales', 'urn:dataproduct:orders360']) expect(node(m, urn).mode).toBe('reference');
    expect(node(m, 'urn:owner:bi@shop.io').props).toEqual({ name: 'BI Team', email: 'BI@Shop.io' });
    expect(node(m, U('group.shop.finance')).labels).toEqual(['Group']);
    // Default domainFrom is 'meta': folders give no domain.
    expect(edgesOf(m, 'IN_DOMAIN')).toHaveLength(2);
  });

  it('takes domains from folders when asked', () => {
    const byFolder = mapDbtArtifacts(artifacts, { domainFrom: 'folder' });
    expect(hasEdge(byFolder, 'IN_DOMAIN', U('model.shop.orders.v1'), 'urn:domain:finance')).toBe(true);
    expect(hasEdge(byFolder, 'IN_DOMAIN', U('model.shop.stg_orders'), 'urn:domain:sales')).toBe(true);
    const both = mapDbtArtifacts(artifacts, { domainFrom: 'meta-then-folder' });
    expect(hasEdge(both, 'IN_DOMAIN', U('source.shop.stripe.payments'), 'urn:domain:payments')).toBe(true);
    expect(hasEdge(both, 'IN_DOMAIN', U('model.shop.fct_revenue'), 'urn:domain:finance')).toBe(true);
  });

  it('preserves earlier column lineage of every model when no deriver is given', () => {
    const preserved = (m.preserve ?? []).map((p) => `${p.type} ${p.from}`);
    expect(preserved).toContain(`DERIVED_FROM ${U('model.shop.stg_orders#customer_id')}`);
    expect(preserved).toContain(`DERIVED_FROM ${U('model.shop.orders.v2#amount')}`);
    expect(preserved.some((p) => p.includes('source.shop'))).toBe(false);
    expect(edgesOf(m, 'DERIVED_FROM')).toEqual([]);
    expect(m.stats).toMatchObject({ compiledModels: 6, modelsWithColumnLineage: 0, columnLineageEdges: 0, sqlParseFailures: 0 });
  });

  it('uses an explicit namespace for every owned urn', () => {
    const other = mapDbtArtifacts(artifacts, { namespace: 'shop-prod' });
    expect(other.namespace).toBe('shop-prod');
    expect(node(other, 'urn:dbt:shop-prod:model.shop.stg_orders').props.namespace).toBe('shop-prod');
    expect(other.nodes.filter((n) => n.urn.startsWith('urn:dbt:shop:'))).toEqual([]);
  });
});

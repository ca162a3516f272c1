import { beforeAll, describe, expect, it } from 'vitest';
import type { DbtArtifacts } from '../../../../ingest/dbt/artifacts.js';
import { loadDbtArtifacts } from '../../../../ingest/dbt/load-artifacts.js';
import { mapDbtArtifacts, type DbtMapped } from '../../../../ingest/dbt/map-dbt.js';
import { fixturePath } from '../../../support/corpus.js';
import { edgesOf, hasEdge, issuesWith, node, wellFormedProblems, withLabel } from './graph-helpers.js';

const U = (id: string) => `urn:dbt:jaffle:${id}`;
let artifacts: DbtArtifacts;
let m: DbtMapped;

beforeAll(async () => {
  artifacts = await loadDbtArtifacts({ path: fixturePath('dbt', 'v4-jaffle') });
  m = mapDbtArtifacts(artifacts);
});

describe('v4 manifest (dbt 1.0, parse-only, Windows paths) with run_results of another invocation', () => {
  it('finds the project from metadata.project_id (md5 of its name), not from the first model', () => {
    expect(wellFormedProblems(m)).toEqual([]);
    expect(m.namespace).toBe('jaffle');
    expect(issuesWith(m, 'DBT_NAMESPACE_GUESSED')).toEqual([]);
    // The installed package's model is a capsule of this project.
    expect(node(m, U('model.audit.audit_log')).props).toMatchObject({ packageName: 'audit', namespace: 'jaffle' });
  });

  it('maps models, the seed, the old-style metric and the exposure; not the disabled model or test', () => {
    expect(withLabel(m, 'Capsule').map((n) => n.labels[1]).sort()).toEqual(['Exposure', 'Metric', 'Model', 'Model', 'Model', 'Seed']);
    expect(m.nodes.some((n) => n.urn === U('model.jaffle.customers'))).toBe(false);
    expect(withLabel(m, 'Test').map((n) => n.props.name).sort()).toEqual(['relationships_orders_customer_id__customer_id__ref_customers_', 'unique_orders_order_id']);
    expect(m.stats).toMatchObject({ capsules: 6, disabled: 2, tests: 2 });
    expect(node(m, U('metric.jaffle.order_count')).props).toMatchObject({ metricType: 'count', expressionJson: '"order_id"', label: 'Order count' });
  });

  it('reads raw_sql/compiled_sql: compiled code where compiled, no code hash for parse-only models', () => {
    expect(node(m, U('model.jaffle.orders')).props).toMatchObject({
      compiledCode: 'select customer_id, 1 as order_id from `jaffle-gcp`.`jaffle`.`stg_customers`',
      physicalName: 'jaffle-gcp.jaffle.orders',
      filePath: 'models/marts/core/orders.sql',
      layer: 'marts',
      tags: ['nightly'],
    });
    const stg = node(m, U('model.jaffle.stg_customers')).props;
    expect(stg.compiledCode).toBeUndefined();
    expect(stg.compiledCodeHash).toBeUndefined();
    expect(stg.rawCode).toContain("ref('raw_customers')");
    expect(stg.physicalName).toBe('jaffle-gcp.jaffle.stg_customers');
    expect(m.stats).toMatchObject({ compiledModels: 1 });
  });

  it('builds lineage from list-style refs / depends_on, and reports the test on the disabled model as dangling', () => {
    expect(hasEdge(m, 'FLOWS_TO', U('seed.jaffle.raw_customers'), U('model.jaffle.stg_customers'))).toBe(true);
    expect(hasEdge(m, 'FLOWS_TO', U('model.jaffle.stg_customers'), U('model.jaffle.orders'))).toBe(true);
    expect(hasEdge(m, 'FLOWS_TO', U('model.jaffle.orders'), U('metric.jaffle.order_count'))).toBe(true);
    expect(hasEdge(m, 'FLOWS_TO', U('metric.jaffle.order_count'), U('exposure.jaffle.board'))).toBe(true);
    expect(issuesWith(m, 'DBT_DANGLING_DEPENDENCY')).toEqual([
      expect.objectContaining({ severity: 'warning', message: expect.stringContaining('model.jaffle.customers, which is disabled') }),
    ]);
  });

  it('attaches pre-v9 generic tests (no attached_node) through kwargs.model', () => {
    const rel = U('test.jaffle.relationships_orders_customer_id__customer_id__ref_customers_.c6ec7f58f2');
    expect(edgesOf(m, 'TESTS').filter((e) => e.from === rel).map((e) => e.to)).toEqual([U('model.jaffle.orders'), U('model.jaffle.orders#customer_id')]);
    expect(hasEdge(m, 'TESTS', U('test.jaffle.unique_orders_order_id.fed1'), U('model.jaffle.orders#order_id'))).toBe(true);
  });

  it('reads owners given as a list in meta, and the exposure owner', () => {
    expect(hasEdge(m, 'OWNED_BY', U('model.jaffle.stg_customers'), 'urn:owner:alice@jaffle.io')).toBe(true);
    expect(hasEdge(m, 'OWNED_BY', U('model.jaffle.stg_customers'), 'urn:owner:bob')).toBe(true);
    expect(node(m, U('model.jaffle.stg_customers')).props.owner).toBe('alice@jaffle.io');
    expect(hasEdge(m, 'OWNED_BY', U('exposure.jaffle.board'), 'urn:owner:ceo@jaffle.io')).toBe(true);
  });

  it('maps results of another invocation, reporting the one for a node this manifest does not have', () => {
    expect(m.invocationIds).toEqual(['inv-parse-4', 'inv-build-4']);
    // run-results v4 has no invocation_started_at: the first result's start stands in.
    expect(node(m, 'urn:dbt:invocation:inv-build-4').props).toMatchObject({ command: 'build', status: 'error', startedAt: '2021-12-07T10:49:20Z' });
    const orphan = 'urn:dbt:jaffle:result:inv-build-4:model.jaffle.customers';
    expect(node(m, orphan).props).toMatchObject({ status: 'success', adapterResponseJson: '{"bytes_processed":null}' });
    expect(hasEdge(m, 'IN_INVOCATION', orphan, 'urn:dbt:invocation:inv-build-4')).toBe(true);
    expect(m.edges.some((e) => e.type === 'RESULT_OF' && e.from === orphan)).toBe(false);
    expect(issuesWith(m, 'DBT_RESULT_UNMATCHED')).toEqual([expect.objectContaining({ severity: 'warning', subject: orphan })]);
    expect(issuesWith(m, 'DBT_JSON_NONFINITE')).toEqual([expect.objectContaining({ line: 42 })]);
    expect(m.stats).toMatchObject({ testResults: 2, runResults: 2 });
  });
});

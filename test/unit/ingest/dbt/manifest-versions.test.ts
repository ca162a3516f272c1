import { describe, expect, it } from 'vitest';
import { dbtArtifactsFromObjects } from '../../../../ingest/dbt/load-artifacts.js';
import { issuesWith } from './graph-helpers.js';

const url = (v: number) => `https://schemas.getdbt.com/dbt/manifest/v${v}.json`;

function manifest(v: number, sections: Record<string, unknown>) {
  // Every real manifest has `nodes` (a manifest without it is refused); sections given here replace it.
  return dbtArtifactsFromObjects({ manifest: { metadata: { dbt_schema_version: url(v), project_name: 'p' }, nodes: {}, ...sections } }).manifest;
}

const base = { resource_type: 'model', package_name: 'p', original_file_path: 'models/a.sql', path: 'a.sql' };

describe('manifest schema versions', () => {
  it('reads v1–v6 raw_sql/compiled_sql and list refs', () => {
    const m = manifest(5, {
      nodes: {
        'model.p.a': { ...base, unique_id: 'model.p.a', name: 'a', raw_sql: 'select 1', compiled_sql: 'select 1 as x', refs: [['b'], ['pkg', 'c']] },
      },
    });
    const a = m.resources.get('model.p.a');
    expect(a?.compiledCode).toBe('select 1 as x');
    expect(a?.rawCode).toBeUndefined();
    expect(a?.refs).toEqual([{ name: 'b' }, { name: 'c', package: 'pkg' }]);
  });

  it('reads v7+ raw_code/compiled_code and v9+ object refs with versions', () => {
    const m = manifest(9, {
      nodes: {
        'model.p.a': {
          ...base,
          unique_id: 'model.p.a',
          name: 'a',
          raw_code: 'select * from {{ ref("b", v=2) }}',
          language: 'sql',
          refs: [{ name: 'b', package: null, version: 2 }],
          version: 1,
          latest_version: '2',
          access: 'public',
          group: null,
          contract: { enforced: true },
          constraints: [],
        },
      },
    });
    const a = m.resources.get('model.p.a');
    expect(a).toMatchObject({ rawCode: 'select * from {{ ref("b", v=2) }}', language: 'sql', version: '1', latestVersion: '2', access: 'public', contractEnforced: true });
    expect(a?.compiledCode).toBeUndefined();
    expect(a?.refs).toEqual([{ name: 'b', version: '2' }]);
  });

  it('reads `disabled` as a dict of lists (v4+) and as a plain list (v1–v3)', () => {
    const v4 = manifest(4, { nodes: {}, disabled: { 'model.p.x': [{ unique_id: 'model.p.x', resource_type: 'model', name: 'x', package_name: 'p' }] } });
    const v3 = manifest(3, { nodes: {}, disabled: [{ unique_id: 'seed.p.y', resource_type: 'seed', name: 'y', package_name: 'p' }] });
    expect([...v4.disabled.keys()]).toEqual(['model.p.x']);
    expect(v3.disabled.get('seed.p.y')).toEqual({ uniqueId: 'seed.p.y', resourceType: 'seed', name: 'y', packageName: 'p' });
  });

  it('reads old metrics (type/sql, calculation_method/expression) and MetricFlow metrics (type_params)', () => {
    const common = { resource_type: 'metric', package_name: 'p', depends_on: { nodes: [] } };
    const m = manifest(7, {
      metrics: {
        'metric.p.v4': { ...common, unique_id: 'metric.p.v4', name: 'v4', type: 'count', sql: 'id', timestamp: 'at', time_grains: ['day'] },
        'metric.p.v7': { ...common, unique_id: 'metric.p.v7', name: 'v7', calculation_method: 'sum', expression: 'amount' },
        'metric.p.mf': { ...common, unique_id: 'metric.p.mf', name: 'mf', type: 'ratio', type_params: { numerator: { name: 'a' } } },
      },
    });
    expect(m.resources.get('metric.p.v4')).toMatchObject({ metricType: 'count', expression: 'id' });
    expect(m.resources.get('metric.p.v7')).toMatchObject({ metricType: 'sum', expression: 'amount' });
    expect(m.resources.get('metric.p.mf')).toMatchObject({ metricType: 'ratio', expression: { numerator: { name: 'a' } } });
  });

  it('tolerates a v11 manifest without unit_tests, string tags, null database and unknown keys', () => {
    const m = manifest(11, {
      nodes: {
        'model.p.a': { ...base, unique_id: 'model.p.a', name: 'a', tags: 'nightly', database: null, relation_name: null, brand_new_key: { x: 1 } },
      },
    });
    expect(m.resources.get('model.p.a')).toMatchObject({ tags: ['nightly'] });
    expect(m.resources.get('model.p.a')?.database).toBeUndefined();
  });

  it('skips only the invalid node, and only the invalid field of an otherwise valid node', () => {
    const a = dbtArtifactsFromObjects({
      manifest: {
        metadata: { dbt_schema_version: url(12) },
        nodes: {
          'model.p.ok': { ...base, unique_id: 'model.p.ok', name: 'ok' },
          'model.p.noname': { ...base, unique_id: 'model.p.noname', name: 42 },
          'model.p.badcol': {
            ...base,
            unique_id: 'model.p.badcol',
            name: 'badcol',
            description: ['not', 'a', 'string'],
            columns: { good: { name: 'good' }, bad: { name: 'bad', tags: [1] } },
          },
        },
      },
    });
    expect([...a.manifest.resources.keys()]).toEqual(['model.p.ok', 'model.p.badcol']);
    expect(a.manifest.resources.get('model.p.badcol')?.columns.map((c) => c.name)).toEqual(['good']);
    expect(issuesWith(a, 'DBT_INVALID_NODE')).toEqual([expect.objectContaining({ severity: 'error', subject: 'model.p.noname' })]);
    expect(issuesWith(a, 'DBT_INVALID_FIELD')[0]?.message).toMatch(/description.*columns\.bad|columns\.bad.*description/);
  });

  it('reads a bare-string exposure owner and ignores refs of unknown shape without complaint', () => {
    const a = dbtArtifactsFromObjects({
      manifest: {
        metadata: { dbt_schema_version: url(6) },
        nodes: { 'model.p.a': { ...base, unique_id: 'model.p.a', name: 'a', refs: [['b'], { odd: true }, 7] } },
        exposures: { 'exposure.p.e': { resource_type: 'exposure', unique_id: 'exposure.p.e', name: 'e', owner: 'ops@p.io' } },
      },
      catalog: {
        metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/catalog/v1.json' },
        nodes: { 'model.p.a': { unique_id: 'model.p.a', columns: { X: { name: 'X', type: 'INT', index: '2' } } } },
      },
      runResults: {
        metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/run-results/v1.json', invocation_id: 'i' },
        results: [{ unique_id: 'model.p.a', status: null }],
      },
    });
    expect(a.issues).toEqual([]);
    expect(a.manifest.resources.get('model.p.a')?.refs).toEqual([{ name: 'b' }]);
    expect(a.manifest.resources.get('exposure.p.e')?.owner).toEqual({ email: 'ops@p.io' });
    expect(a.catalog?.entries.get('model.p.a')?.columns).toEqual([{ name: 'X', type: 'INT', index: 2 }]);
    expect(a.runResults?.results).toEqual([{ uniqueId: 'model.p.a', status: 'unknown' }]);
  });

  it('treats a node whose config says enabled: false as disabled, not as a capsule or test', () => {
    const m = manifest(4, {
      nodes: { 'test.p.t': { ...base, resource_type: 'test', unique_id: 'test.p.t', name: 't', config: { enabled: false } } },
    });
    expect(m.resources.size).toBe(0);
    expect(m.disabled.has('test.p.t')).toBe(true);
  });
});

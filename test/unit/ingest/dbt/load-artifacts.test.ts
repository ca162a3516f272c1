import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DbtArtifactError, dbtArtifactsFromObjects, loadDbtArtifacts } from '../../../../ingest/dbt/load-artifacts.js';
import { fixturePath } from '../../../support/corpus.js';
import { issuesWith } from './graph-helpers.js';

const SHOP = fixturePath('dbt', 'v12-shop');

function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'helix-dbt-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const meta = (kind: string, v: number) => ({ dbt_schema_version: `https://schemas.getdbt.com/dbt/${kind}/v${v}.json`, invocation_id: 'i' });
const minimalManifest = (v = 12) =>
  JSON.stringify({ metadata: { ...meta('manifest', v), project_name: 'p' }, nodes: {}, sources: {}, macros: {}, docs: {}, exposures: {}, metrics: {} });

describe('loadDbtArtifacts', () => {
  it('picks up manifest, catalog, run_results and sources.json from a target dir, nothing else', async () => {
    const a = await loadDbtArtifacts({ path: SHOP });
    expect(a.manifestPath).toBe(path.join(SHOP, 'manifest.json'));
    expect(a.catalogPath).toBe(path.join(SHOP, 'catalog.json'));
    expect(a.runResultsPath).toBe(path.join(SHOP, 'run_results.json'));
    expect(a.sourcesPath).toBe(path.join(SHOP, 'sources.json'));
    // 14 enabled nodes (a 15th, a test, is disabled) + source, exposure, metric, semantic model, saved query, unit test.
    expect(a.manifest.resources.size).toBe(20);
    expect(a.catalog?.entries.size).toBe(4);
    expect(a.runResults?.results).toHaveLength(8);
    expect(a.sources?.results).toHaveLength(2);
    // semantic_manifest.json sits in the same dir and must not be read as any artifact.
    expect(issuesWith(a, 'DBT_WRONG_ARTIFACT')).toEqual([]);
  });

  it('given the manifest path, reads the artifacts beside it (as `helix ingest --help` says), explicit paths first', async () => {
    const a = await loadDbtArtifacts({ path: path.join(SHOP, 'manifest.json') });
    expect(a.catalog).toBeDefined();
    expect(a.runResults).toBeDefined();
    expect(a.sources).toBeDefined();
    const explicit = await loadDbtArtifacts({ path: path.join(SHOP, 'manifest.json'), runResults: path.join(SHOP, 'nowhere.json') });
    expect(explicit.runResults).toBeUndefined();
    expect(explicit.issues).toContainEqual(expect.objectContaining({ code: 'DBT_ARTIFACT_MISSING', file: path.join(SHOP, 'nowhere.json') }));
  });

  it('drops heavy fields it does not store: raw code once compiled code exists, macros, docs', async () => {
    const a = await loadDbtArtifacts({ path: SHOP });
    const stg = a.manifest.resources.get('model.shop.stg_orders');
    expect(stg?.compiledCode).toContain('customer_id');
    expect(stg?.rawCode).toBeUndefined();
    expect(a.manifest.resources.get('model.platform.dim_dates')?.rawCode).toBeUndefined();
    expect([...a.manifest.resources.keys()].some((id) => id.startsWith('macro.') || id.startsWith('doc.'))).toBe(false);
    expect(a.manifest.packages).toEqual(new Set(['shop', 'elementary', 'dbt_utils']));
    expect(a.manifest.otherIds).toEqual(new Set(['function.shop.add_tax']));
  });

  it('reads bare NaN in run_results as null and says where', async () => {
    const a = await loadDbtArtifacts({ path: SHOP });
    const [issue] = issuesWith(a, 'DBT_JSON_NONFINITE');
    expect(issue).toMatchObject({ severity: 'warning', file: path.join(SHOP, 'run_results.json'), line: 30 });
    expect(a.runResults?.results[0]?.adapterResponse).toEqual({ _message: 'SUCCESS 1', code: 'SUCCESS', rows_affected: null });
  });

  it('rejects a missing or unreadable manifest with a DbtArtifactError carrying the issue', async () => {
    await expect(loadDbtArtifacts({ path: tempDir({}) })).rejects.toBeInstanceOf(DbtArtifactError);
    const broken = tempDir({ 'manifest.json': '{\n"metadata": {\n}, "nodes": {"a": }\n}' });
    const error = (await loadDbtArtifacts({ path: broken }).catch((e: unknown) => e)) as DbtArtifactError;
    expect(error).toBeInstanceOf(DbtArtifactError);
    expect(error.issue).toMatchObject({ code: 'DBT_ARTIFACT_UNREADABLE', line: 3 });
  });

  it('refuses another artifact given as the manifest', async () => {
    const dir = tempDir({ 'run_results.json': JSON.stringify({ metadata: meta('run-results', 6), results: [] }) });
    const error = (await loadDbtArtifacts({ path: path.join(dir, 'run_results.json') }).catch((e: unknown) => e)) as DbtArtifactError;
    expect(error.issue.code).toBe('DBT_WRONG_ARTIFACT');
  });

  it('reports, and skips, a broken optional artifact or a misnamed one', async () => {
    const dir = tempDir({
      'manifest.json': minimalManifest(),
      'catalog.json': '{"metadata": {"dbt_schema_version": "x"}, "nodes": {"a": [}',
      'run_results.json': JSON.stringify({ metadata: meta('catalog', 1), nodes: {} }),
    });
    const a = await loadDbtArtifacts({ path: dir, sources: path.join(dir, 'nope.json') });
    expect(a.catalog).toBeUndefined();
    expect(a.runResults).toBeUndefined();
    expect(issuesWith(a, 'DBT_ARTIFACT_UNREADABLE')[0]?.file).toBe(path.join(dir, 'catalog.json'));
    expect(issuesWith(a, 'DBT_WRONG_ARTIFACT')[0]?.file).toBe(path.join(dir, 'run_results.json'));
    expect(issuesWith(a, 'DBT_ARTIFACT_MISSING')[0]?.file).toBe(path.join(dir, 'nope.json'));
  });

  it('ingests a newer, unknown manifest version with a warning', async () => {
    const a = await loadDbtArtifacts({ path: tempDir({ 'manifest.json': minimalManifest(13) }) });
    expect(issuesWith(a, 'DBT_UNKNOWN_SCHEMA_VERSION')).toEqual([
      expect.objectContaining({ severity: 'warning', message: expect.stringContaining('v13') }),
    ]);
  });

  it('accepts artifacts already in memory, or as text with NaN', () => {
    const a = dbtArtifactsFromObjects({
      manifest: minimalManifest(),
      runResults: `{"metadata": ${JSON.stringify(meta('run-results', 5))}, "results": [{"unique_id": "model.p.a", "status": "success", "execution_time": NaN}]}`,
    });
    expect(a.runResults?.results).toEqual([{ uniqueId: 'model.p.a', status: 'success' }]);
    expect(issuesWith(a, 'DBT_JSON_NONFINITE')).toHaveLength(1);
    expect(() => dbtArtifactsFromObjects({ manifest: '[]' })).toThrow(DbtArtifactError);
  });
});

describe('manifests that are not manifests, or hostile ones', () => {
  const deep = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);

  it('refuses meta nested 100k deep with the path, not a stack overflow', async () => {
    const text = minimalManifest().replace('"nodes":{}', `"nodes":{"model.p.m":{"unique_id":"model.p.m","resource_type":"model","name":"m","package_name":"p","meta":${deep(100_000)}}}`);
    const error = await loadDbtArtifacts({ path: tempDir({ 'manifest.json': text }) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbtArtifactError);
    expect((error as Error).message).toMatch(/nodes\["model\.p\.m"\] is nested deeper than 100 levels \(at meta\.a\.a\.a/);
    // Deep but sane nesting (dbt meta of a few dozen levels) is read.
    const ok = minimalManifest().replace('"nodes":{}', `"nodes":{"model.p.m":{"unique_id":"model.p.m","resource_type":"model","name":"m","package_name":"p","meta":${deep(40)}}}`);
    expect((await loadDbtArtifacts({ path: tempDir({ 'manifest.json': ok }) })).manifest.resources.has('model.p.m')).toBe(true);
  });

  it.each([
    ['"nodes": null', (m: Record<string, unknown>) => ({ ...m, nodes: null }), /"nodes" is null/],
    ['"nodes": 3', (m: Record<string, unknown>) => ({ ...m, nodes: 3 }), /"nodes" is 3/],
    ['no "nodes"', ({ nodes: _n, ...m }: Record<string, unknown>) => m, /it has no "nodes"/],
  ])('refuses a manifest with %s', async (_name, change, message) => {
    const text = JSON.stringify(change(JSON.parse(minimalManifest()) as Record<string, unknown>));
    const error = await loadDbtArtifacts({ path: tempDir({ 'manifest.json': text }) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbtArtifactError);
    expect((error as DbtArtifactError).issue.code).toBe('DBT_NOT_A_MANIFEST');
    expect((error as Error).message).toMatch(message);
  });

  it('still reads an empty project (nodes: {})', async () => {
    const a = await loadDbtArtifacts({ path: tempDir({ 'manifest.json': minimalManifest() }) });
    expect(a.manifest.resources.size).toBe(0);
  });
});

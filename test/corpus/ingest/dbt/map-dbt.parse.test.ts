import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MappedGraph } from '../../../../ingest/core/graph.js';
import { loadDbtArtifacts } from '../../../../ingest/dbt/load-artifacts.js';
import { mapDbtArtifacts } from '../../../../ingest/dbt/map-dbt.js';
import { corpusPath } from '../../../support/corpus.js';

/**
 * Every dbt project of the corpus is mapped and compared with what this test counts itself in the raw JSON
 * (plain JSON.parse and loops), so the mapping is checked against the files, not against itself.
 */
type Json = Record<string, any>;

const root = corpusPath('dbt');
const projects = readdirSync(root).filter((d) => d !== 'schemas' && statSync(path.join(root, d)).isDirectory());

/** No error-severity issue is expected from any real project. */
const EXPECTED_ERROR_CODES = new Set<string>();

const CAPSULE_TYPES = new Set(['model', 'source', 'seed', 'snapshot', 'exposure', 'metric', 'semantic_model', 'saved_query', 'analysis']);
const SECTIONS = ['nodes', 'sources', 'exposures', 'metrics', 'semantic_models', 'saved_queries', 'unit_tests'];

function readJson(file: string): Json | undefined {
  if (!existsSync(file)) return undefined;
  // Python writes bare NaN/Infinity; for counting, any replacement that keeps the JSON valid will do.
  return JSON.parse(readFileSync(file, 'utf8').replace(/-?\bInfinity\b|\bNaN\b/g, 'null')) as Json;
}

function rawModel(dir: string) {
  const manifest = readJson(path.join(dir, 'manifest.json')) as Json;
  const catalog = readJson(path.join(dir, 'catalog.json'));
  const all = new Map<string, Json>();
  for (const section of SECTIONS) for (const [id, n] of Object.entries<Json>(manifest[section] ?? {})) all.set(id, n);
  const enabled = new Map([...all].filter(([, n]) => n.config?.enabled !== false));
  const isExternal = (n: Json) => n.resource_type === 'model' && !n.original_file_path && !n.path;
  const capsules = new Map([...enabled].filter(([, n]) => CAPSULE_TYPES.has(n.resource_type)));
  const owned = new Map([...capsules].filter(([, n]) => !isExternal(n)));
  const disabledIds = new Set([...all].filter(([, n]) => n.config?.enabled === false).map(([id]) => id));
  const disabledSection = manifest.disabled ?? {};
  for (const id of Array.isArray(disabledSection) ? disabledSection.map((n: Json) => n.unique_id) : Object.keys(disabledSection)) disabledIds.add(id);
  const packages = new Set<string>();
  for (const n of all.values()) if (!isExternal(n) && n.package_name) packages.add(n.package_name);
  for (const id of [...Object.keys(manifest.macros ?? {}), ...Object.keys(manifest.functions ?? {})]) packages.add(id.split('.')[1] ?? '');
  const known = new Set([...all.keys(), ...disabledIds, ...Object.keys(manifest.functions ?? {})]);
  return { manifest, catalog, enabled, capsules, owned, disabledIds, packages, known, isExternal };
}

function countColumns(raw: ReturnType<typeof rawModel>): number {
  let total = 0;
  for (const [id, n] of raw.owned) {
    const names = new Set<string>();
    for (const [key, c] of Object.entries<Json>(n.columns ?? {})) names.add(String(c.name || key).toLowerCase());
    const cat = raw.catalog?.nodes?.[id] ?? raw.catalog?.sources?.[id];
    for (const [key, c] of Object.entries<Json>(cat?.columns ?? {})) names.add(String(c.name || key).toLowerCase());
    total += names.size;
  }
  return total;
}

/** Capsule urn of an upstream unique_id per the documented rules, or undefined when no edge is due. */
function upstreamUrn(raw: ReturnType<typeof rawModel>, ns: string, id: string): string | undefined {
  const n = raw.capsules.get(id);
  if (n) return raw.isExternal(n) ? `urn:dbt:${n.package_name}:${id}` : `urn:dbt:${ns}:${id}`;
  const [type, project] = id.split('.');
  if (raw.known.has(id) || !type || !project || !CAPSULE_TYPES.has(type) || project === ns || raw.packages.has(project)) return undefined;
  return `urn:dbt:${project}:${id}`;
}

function expectedFlows(raw: ReturnType<typeof rawModel>, ns: string): Set<string> {
  const flows = new Set<string>();
  for (const [id, n] of raw.owned) {
    for (const dep of n.depends_on?.nodes ?? []) {
      const up = upstreamUrn(raw, ns, dep);
      const down = `urn:dbt:${ns}:${id}`;
      if (up && up !== down) flows.add(`${up} -> ${down}`);
    }
  }
  return flows;
}

function closure(start: string, parents: (node: string) => Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length > 0) {
    for (const p of parents(stack.pop() as string)) {
      if (!seen.has(p)) {
        seen.add(p);
        stack.push(p);
      }
    }
  }
  return seen;
}

function countBy<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

describe.each(projects)('dbt corpus: %s', (project) => {
  const dir = path.join(root, project);
  let mapped: ReturnType<typeof mapDbtArtifacts> | undefined;
  const graph = async (): Promise<ReturnType<typeof mapDbtArtifacts>> => (mapped ??= mapDbtArtifacts(await loadDbtArtifacts({ path: dir })));
  const raw = rawModel(dir);

  it('is scoped by the project that wrote the manifest', async () => {
    const g = await graph();
    const meta = raw.manifest.metadata ?? {};
    if (meta.project_name) expect(g.namespace).toBe(meta.project_name);
    else expect(createHash('md5').update(g.namespace).digest('hex')).toBe(meta.project_id);
  });

  it('maps every enabled capsule, test and column the files hold', async () => {
    const g = await graph();
    const ownedNodes = g.nodes.filter((n) => n.labels[0] === 'Capsule' && n.mode !== 'reference');
    expect(countBy(ownedNodes, (n) => String(n.props.resourceType))).toEqual(countBy([...raw.owned.values()], (n) => n.resource_type));
    expect(ownedNodes.map((n) => n.urn).sort()).toEqual([...raw.owned.keys()].map((id) => `urn:dbt:${g.namespace}:${id}`).sort());
    const tests = [...raw.enabled.values()].filter((n) => n.resource_type === 'test' || n.resource_type === 'unit_test');
    expect(g.nodes.filter((n) => n.labels.includes('Test')).length).toBe(tests.length);
    const columns = g.nodes.filter((n) => n.labels.includes('Column') && n.props.inferred === false);
    expect(columns.length).toBe(countColumns(raw));
    expect(g.edges.filter((e) => e.type === 'HAS_COLUMN').length).toBe(columns.length);
    expect(g.stats?.disabled).toBe(raw.disabledIds.size);
    const compiled = [...raw.owned.values()].filter((n) => n.resource_type === 'model' && (n.compiled_code || n.compiled_sql));
    expect(g.stats?.compiledModels).toBe(compiled.length);
  });

  it('draws FLOWS_TO exactly from depends_on', async () => {
    const g = await graph();
    const actual = g.edges.filter((e) => e.type === 'FLOWS_TO').map((e) => `${e.from} -> ${e.to}`);
    expect(actual.length).toBe(new Set(actual).size);
    expect(new Set(actual)).toEqual(expectedFlows(raw, g.namespace));
  });

  it('has the upstream closure of sampled capsules that depends_on gives', async () => {
    const g = await graph();
    const ns = g.namespace;
    const parentsMapped = new Map<string, string[]>();
    for (const e of g.edges.filter((x) => x.type === 'FLOWS_TO')) parentsMapped.set(e.to, [...(parentsMapped.get(e.to) ?? []), e.from]);
    const byUrn = new Map([...raw.owned].map(([id, n]) => [`urn:dbt:${ns}:${id}`, n]));
    const rawParents = (urn: string): string[] =>
      (byUrn.get(urn)?.depends_on?.nodes ?? []).map((dep: string) => upstreamUrn(raw, ns, dep)).filter((u: string | undefined): u is string => !!u && u !== urn);
    const ids = [...byUrn.keys()].sort();
    const sample = ids.filter((_, i) => i % Math.max(1, Math.floor(ids.length / 12)) === 0);
    for (const urn of sample) {
      expect(closure(urn, (n) => parentsMapped.get(n) ?? []), urn).toEqual(closure(urn, rawParents));
    }
  });

  it('points every test at what it depends on, and maps every result', async () => {
    const g = await graph();
    for (const e of g.edges.filter((x) => x.type === 'TESTS')) {
      const test = raw.enabled.get(e.from.slice(`urn:dbt:${g.namespace}:`.length)) as Json;
      const targets = [...(test.depends_on?.nodes ?? []), test.attached_node].map((id) => id && upstreamUrn(raw, g.namespace, id));
      expect(targets.includes(e.to.split('#')[0]), `${e.from} -> ${e.to}`).toBe(true);
    }
    const results = [readJson(path.join(dir, 'run_results.json')), readJson(path.join(dir, 'sources.json'))]
      .filter((r): r is Json => !!r)
      .flatMap((r) => [...new Set<string>((r.results ?? []).map((x: Json) => x.unique_id))].map((id) => ({ id, inv: r.metadata.invocation_id })));
    const resultNodes = g.nodes.filter((n) => n.labels.includes('TestResult') || n.labels.includes('RunResult'));
    expect(resultNodes.map((n) => n.urn).sort()).toEqual(results.map((r) => `urn:dbt:${g.namespace}:result:${r.inv}:${r.id}`).sort());
    const isTest = (id: string) => /^(test|unit_test)\./.test(id);
    expect(resultNodes.filter((n) => n.labels.includes('TestResult')).length).toBe(results.filter((r) => isTest(r.id)).length);
    const matched = results.filter((r) => raw.enabled.has(r.id) && (isTest(r.id) || raw.capsules.has(r.id)));
    expect(g.edges.filter((e) => e.type === 'RESULT_OF').length).toBe(matched.length);
  });

  it('is well formed and raises no unexpected errors', async () => {
    const g: MappedGraph = await graph();
    const urns = new Set(g.nodes.map((n) => n.urn));
    expect(urns.size).toBe(g.nodes.length);
    expect(g.edges.filter((e) => !urns.has(e.from) || !urns.has(e.to))).toEqual([]);
    expect(g.issues.filter((i) => i.severity === 'error' && !EXPECTED_ERROR_CODES.has(i.code))).toEqual([]);
  });
});

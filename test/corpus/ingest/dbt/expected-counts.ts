import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Counts computed straight from a project's JSON, independently of Helix's mapper: what the graph must hold.
 * Bare NaN/Infinity in real files are made parseable the crude way (a test need not be a JSON parser).
 */
export function readJson(file: string): Record<string, any> {
  return JSON.parse(readFileSync(file, 'utf8').replace(/:\s*(-?Infinity|NaN)\b/g, ': null'));
}

const CAPSULE_NODE_TYPES = new Set(['model', 'seed', 'snapshot', 'analysis']);

export interface ExpectedDbt {
  capsulesByType: Record<string, number>;
  capsuleIds: Set<string>;
  flowsTo: Set<string>;
  tests: number;
  /** `<unique_id>#<lower-cased column>` from manifest columns and the catalog entries of the same unique_id. */
  columns: Set<string>;
  dependsOn: Map<string, string[]>;
}

export function expectedFromManifest(dir: string): ExpectedDbt {
  const m = readJson(path.join(dir, 'manifest.json'));
  const capsulesByType: Record<string, number> = {};
  const capsuleIds = new Set<string>();
  const add = (id: string, type: string) => {
    capsuleIds.add(id);
    capsulesByType[type] = (capsulesByType[type] ?? 0) + 1;
  };
  const typeName: Record<string, string> = {
    model: 'Model', seed: 'Seed', snapshot: 'Snapshot', analysis: 'Analysis', source: 'Source', exposure: 'Exposure',
    metric: 'Metric', semantic_model: 'SemanticModel', saved_query: 'SavedQuery',
  };
  let tests = 0;
  const dependsOn = new Map<string, string[]>();
  const enabled = (n: any) => n?.config?.enabled !== false;
  for (const [id, n] of Object.entries<any>(m.nodes ?? {})) {
    if (!enabled(n)) continue;
    if (CAPSULE_NODE_TYPES.has(n.resource_type)) add(id, typeName[n.resource_type]!);
    if (n.resource_type === 'test') tests++;
  }
  for (const [section, type] of [['sources', 'Source'], ['exposures', 'Exposure'], ['metrics', 'Metric'], ['semantic_models', 'SemanticModel'], ['saved_queries', 'SavedQuery']] as const) {
    for (const [id, n] of Object.entries<any>(m[section] ?? {})) if (enabled(n)) add(id, type);
  }
  tests += Object.values<any>(m.unit_tests ?? {}).filter(enabled).length;
  const sections = ['nodes', 'sources', 'exposures', 'metrics', 'semantic_models', 'saved_queries'];
  const flowsTo = new Set<string>();
  for (const s of sections) {
    for (const [id, n] of Object.entries<any>(m[s] ?? {})) {
      if (!capsuleIds.has(id)) continue;
      const deps: string[] = (n.depends_on?.nodes ?? []).filter((d: string) => capsuleIds.has(d));
      dependsOn.set(id, deps);
      for (const d of deps) if (d !== id) flowsTo.add(`${d} -> ${id}`);
    }
  }
  const columns = new Set<string>();
  for (const s of sections) {
    for (const [id, n] of Object.entries<any>(m[s] ?? {})) {
      if (!capsuleIds.has(id)) continue;
      for (const [key, c] of Object.entries<any>(n.columns ?? {})) columns.add(`${id}#${String(c?.name ?? key).toLowerCase()}`);
    }
  }
  const catalogFile = path.join(dir, 'catalog.json');
  if (existsSync(catalogFile)) {
    const catalog = readJson(catalogFile);
    for (const section of ['nodes', 'sources']) {
      for (const [id, n] of Object.entries<any>(catalog[section] ?? {})) {
        if (!capsuleIds.has(id)) continue;
        for (const [key, c] of Object.entries<any>(n.columns ?? {})) columns.add(`${id}#${String(c?.name ?? key).toLowerCase()}`);
      }
    }
  }
  return { capsulesByType, capsuleIds, flowsTo, tests, columns, dependsOn };
}

export function upstreamClosure(dependsOn: Map<string, string[]>, start: string): Set<string> {
  const seen = new Set<string>();
  const stack = [...(dependsOn.get(start) ?? [])];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id) || id === start) continue;
    seen.add(id);
    stack.push(...(dependsOn.get(id) ?? []));
  }
  return seen;
}

export function projectDirs(root: string): string[] {
  return readdirSync(root)
    .filter((d) => d !== 'schemas' && statSync(path.join(root, d)).isDirectory() && existsSync(path.join(root, d, 'manifest.json')))
    .sort();
}

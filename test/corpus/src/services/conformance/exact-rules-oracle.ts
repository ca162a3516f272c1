import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * The two exact rules computed straight from manifest.json, in plain TypeScript, as the issue words them; the
 * graph's answers are compared with these. Deliberately independent of Helix's ingestion code.
 */
type Json = Record<string, any>;

export interface ExactExpectation {
  project: string;
  modelsOfProject: string[];
  missingDescription: string[];
  missingPrimaryKey: string[];
}

export function exactRulesFromManifest(manifestFile: string): ExactExpectation {
  const m: Json = JSON.parse(readFileSync(manifestFile, 'utf8').replace(/\bNaN\b|-?\bInfinity\b/g, 'null'));
  const project = projectName(m);
  const nodes: Json[] = Object.values(m.nodes ?? {});
  const enabled = (n: Json) => n.config?.enabled !== false;
  const models = nodes.filter((n) => n.resource_type === 'model' && enabled(n) && n.package_name === project);
  const modelIds = new Set(nodes.filter((n) => n.resource_type === 'model' && enabled(n)).map((n) => n.unique_id as string));
  const missingDescription = models.filter((n) => typeof n.description !== 'string' || n.description.trim() === '').map((n) => n.unique_id as string);

  const uniqueCols = new Map<string, Set<string>>();
  const notNullCols = new Map<string, Set<string>>();
  const combination = new Set<string>();
  const add = (map: Map<string, Set<string>>, model: string, column: string) => {
    if (!map.has(model)) map.set(model, new Set());
    map.get(model)!.add(column);
  };
  for (const t of nodes) {
    if (t.resource_type !== 'test' || !enabled(t)) continue;
    const name = t.test_metadata?.name;
    if (!name) continue;
    let owner: string | undefined = typeof t.attached_node === 'string' && t.attached_node ? t.attached_node : undefined;
    if (!owner) {
      const deps = ((t.depends_on?.nodes ?? []) as string[]).filter((d) => modelIds.has(d));
      if (deps.length === 1) owner = deps[0];
    }
    if (!owner) continue;
    if (name === 'unique_combination_of_columns') combination.add(owner);
    const column = t.column_name ?? t.test_metadata?.kwargs?.column_name;
    if (typeof column !== 'string') continue;
    const key = column.replace(/["`[\]]/g, '').trim().toLowerCase();
    if (name === 'unique') add(uniqueCols, owner, key);
    if (name === 'not_null') add(notNullCols, owner, key);
  }
  const hasPkConstraint = (n: Json) =>
    (n.constraints ?? []).some((c: Json) => c?.type === 'primary_key') ||
    Object.values(n.columns ?? {}).some((col: any) => (col?.constraints ?? []).some((c: Json) => c?.type === 'primary_key'));
  const missingPrimaryKey = models
    .filter((n) => {
      const id = n.unique_id as string;
      const both = [...(uniqueCols.get(id) ?? [])].some((c) => notNullCols.get(id)?.has(c));
      return !both && !combination.has(id) && !hasPkConstraint(n);
    })
    .map((n) => n.unique_id as string);
  return { project, modelsOfProject: models.map((n) => n.unique_id as string).sort(), missingDescription: missingDescription.sort(), missingPrimaryKey: missingPrimaryKey.sort() };
}

/** metadata.project_name, else the package whose md5 is metadata.project_id. */
function projectName(m: Json): string {
  if (typeof m.metadata?.project_name === 'string' && m.metadata.project_name.trim()) return m.metadata.project_name.trim();
  const packages = new Set<string>();
  for (const section of ['nodes', 'sources', 'macros', 'exposures', 'metrics']) {
    for (const v of Object.values((m[section] ?? {}) as Json)) if (typeof v?.package_name === 'string') packages.add(v.package_name);
  }
  const id = String(m.metadata?.project_id ?? '').toLowerCase();
  for (const p of packages) if (createHash('md5').update(p).digest('hex') === id) return p;
  throw new Error('manifest names no project');
}

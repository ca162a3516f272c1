import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A synthetic dbt project shaped like the real ones: sources feed staging models one-to-one, staging and
 * intermediate models feed marts with a fan-in of 1–4 (the range seen in the corpus manifests), every model has
 * columns and compiled SQL whose columns come from its parents, so column lineage is derived for all of it.
 */
export function writeSyntheticDbtProject(dir: string, models: number, seed = 42): string {
  let state = seed;
  const rand = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const project = 'synthetic';
  const nodes: Record<string, unknown> = {};
  const sources: Record<string, unknown> = {};
  const sourceCount = Math.max(1, Math.round(models * 0.1));
  const cols = (prefix: string) => Array.from({ length: 8 }, (_, i) => `${prefix}_c${i}`);
  const columnsOf = new Map<string, string[]>();
  for (let s = 0; s < sourceCount; s++) {
    const id = `source.${project}.raw.t${s}`;
    const c = ['id', ...cols(`s${s}`)];
    columnsOf.set(id, c);
    sources[id] = {
      unique_id: id, resource_type: 'source', name: `t${s}`, source_name: 'raw', package_name: project, database: 'db', schema: 'raw',
      identifier: `t${s}`, relation_name: `"db"."raw"."t${s}"`, path: 'models/sources.yml', original_file_path: 'models/sources.yml',
      fqn: [project, 'raw', `t${s}`], columns: Object.fromEntries(c.map((n) => [n, { name: n, description: '' }])), config: { enabled: true }, tags: [], meta: {},
    };
  }
  const ids: string[] = [];
  for (let m = 0; m < models; m++) {
    const layer = m < sourceCount ? 'stg' : m < models * 0.6 ? 'int' : 'fct';
    const name = `${layer}_m${m}`;
    const id = `model.${project}.${name}`;
    const parents =
      layer === 'stg'
        ? [`source.${project}.raw.t${m}`]
        : Array.from({ length: 1 + Math.floor(rand() * 4) }, () => ids[Math.floor(rand() * ids.length)]!).filter((v, i, a) => a.indexOf(v) === i);
    const own = ['id', ...cols(name)];
    const select = own.map((c, i) => {
      const p = parents[i % parents.length]!;
      const pc = columnsOf.get(p)!;
      return `p${parents.indexOf(p)}.${pc[i % pc.length]} as ${c}`;
    });
    const from = parents.map((p, i) => {
      const rel = p.startsWith('source.') ? `"db"."raw"."${p.split('.').pop()}"` : `"db"."analytics"."${p.split('.').pop()}"`;
      return i === 0 ? `from ${rel} as p0` : `left join ${rel} as p${i} on p0.id = p${i}.id`;
    });
    const sql = `select\n  ${select.join(',\n  ')}\n${from.join('\n')}`;
    columnsOf.set(id, own);
    ids.push(id);
    nodes[id] = {
      unique_id: id, resource_type: 'model', name, package_name: project, database: 'db', schema: 'analytics', alias: name,
      relation_name: `"db"."analytics"."${name}"`, path: `${layer}/${name}.sql`, original_file_path: `models/${layer}/${name}.sql`,
      fqn: [project, layer, name], raw_code: sql, compiled_code: sql, compiled: true, language: 'sql',
      depends_on: { nodes: parents, macros: [] }, refs: [], sources: [], config: { enabled: true, materialized: 'table', tags: [], meta: {} },
      columns: Object.fromEntries(own.map((c) => [c, { name: c, description: `column ${c}` }])), tags: [], meta: {}, description: `model ${name}`,
      checksum: { name: 'sha256', checksum: String(m) },
    };
  }
  const manifest = {
    metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json', dbt_version: '1.9.0', project_name: project, adapter_type: 'postgres', invocation_id: '00000000-0000-0000-0000-000000000001', generated_at: '2026-01-01T00:00:00Z' },
    nodes, sources, macros: {}, docs: {}, exposures: {}, metrics: {}, groups: {}, selectors: {}, disabled: {}, parent_map: {}, child_map: {}, group_map: {}, saved_queries: {}, semantic_models: {}, unit_tests: {},
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

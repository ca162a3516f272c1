import type { DbtResource } from '../artifacts.js';

/** Name prefixes of the dbt style guide (and the medallion convention), checked first. */
const PREFIX_LAYERS: ReadonlyArray<[RegExp, string]> = [
  [/^(stg|stage|staging|base)_/, 'staging'],
  [/^(int|intermediate)_/, 'intermediate'],
  [/^(fct|fact|dim|mart|agg)_/, 'marts'],
  [/^(rpt|report|reporting)_/, 'reporting'],
  [/^(bronze|raw)_/, 'bronze'],
  [/^silver_/, 'silver'],
  [/^gold_/, 'gold'],
];

/** Folder names (any directory of the file path) when the name says nothing. */
const FOLDER_LAYERS: Readonly<Record<string, string>> = {
  staging: 'staging',
  stg: 'staging',
  base: 'staging',
  intermediate: 'intermediate',
  int: 'intermediate',
  marts: 'marts',
  mart: 'marts',
  reporting: 'reporting',
  reports: 'reporting',
  bronze: 'bronze',
  silver: 'silver',
  gold: 'gold',
};

/**
 * The modelling layer of a model or snapshot: from the name prefix (stg_, int_, fct_/dim_, ...; also `stg__`),
 * else from the nearest folder of original_file_path whose name is a layer (models/staging/..., models/marts/...).
 * Other resource types have no layer.
 */
export function layerOf(resource: DbtResource): string | undefined {
  if (resource.resourceType !== 'model' && resource.resourceType !== 'snapshot') return undefined;
  const name = resource.name.toLowerCase();
  for (const [pattern, layer] of PREFIX_LAYERS) if (pattern.test(name)) return layer;
  const folders = (resource.filePath ?? '').toLowerCase().split('/').slice(0, -1).reverse();
  for (const folder of folders) {
    const layer = FOLDER_LAYERS[folder];
    if (layer) return layer;
  }
  return undefined;
}

export const LAYER_FOLDERS: ReadonlySet<string> = new Set(Object.keys(FOLDER_LAYERS));

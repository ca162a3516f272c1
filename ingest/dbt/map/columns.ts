import type { DbtCatalogColumn, DbtColumnInfo } from '../artifacts.js';
import { columnUrn, isTestType } from './capsule-types.js';
import { mapTags } from './classification.js';
import { knownColumns, type MapContext } from './context.js';
import { jsonProp } from '../../common/values.js';

interface MergedColumn {
  manifest?: DbtColumnInfo;
  catalog?: DbtCatalogColumn;
}

/**
 * Column nodes of every owned capsule: manifest columns merged with the catalog columns of the same unique_id,
 * matched by lower-cased name (warehouses fold case, YAML keeps the author's). Catalog entries of unknown
 * unique_ids are reported; those of tests (store_failures tables) are counted only.
 */
export function mapColumns(ctx: MapContext): void {
  for (const capsule of ctx.capsules.values()) {
    if (capsule.reference || !capsule.resource) continue;
    const merged = new Map<string, MergedColumn>();
    for (const col of capsule.resource.columns) {
      const key = col.name.toLowerCase();
      const existing = merged.get(key);
      if (existing?.manifest) {
        duplicateColumn(ctx, capsule.urn, col.name);
        continue;
      }
      merged.set(key, { manifest: col });
    }
    for (const col of ctx.artifacts.catalog?.entries.get(capsule.uniqueId)?.columns ?? []) {
      const key = col.name.toLowerCase();
      const existing = merged.get(key) ?? {};
      if (existing.catalog) {
        duplicateColumn(ctx, capsule.urn, col.name);
        continue;
      }
      merged.set(key, { ...existing, catalog: col });
    }
    for (const [key, col] of merged) addColumn(ctx, capsule.urn, key, col);
  }
  reportUnmatchedCatalog(ctx);
}

function addColumn(ctx: MapContext, capsuleUrn: string, key: string, col: MergedColumn): void {
  const urn = columnUrn(capsuleUrn, key);
  const m = col.manifest;
  const c = col.catalog;
  ctx.g.addNode({
    urn,
    labels: ['Column'],
    props: {
      name: m?.name ?? c?.name,
      capsuleUrn,
      dataType: c?.type ?? m?.dataType,
      declaredDataType: m?.dataType,
      index: c?.index,
      description: m?.description ?? c?.comment,
      tags: m?.tags ?? [],
      metaJson: jsonProp(m?.meta, 'as-given'),
      constraintsJson: jsonProp(m?.constraints, 'as-given'),
      inferred: false,
    },
  });
  ctx.g.addEdge('HAS_COLUMN', capsuleUrn, urn);
  knownColumns(ctx, capsuleUrn).set(key, urn);
  ctx.g.count('columns');
  if (m) mapTags(ctx, urn, m.tags);
}

function duplicateColumn(ctx: MapContext, capsuleUrn: string, name: string): void {
  ctx.g.issue({
    severity: 'info',
    code: 'DBT_DUPLICATE_COLUMN',
    message: `column '${name}' appears twice (names differ only in case); merged into one Column`,
    subject: capsuleUrn,
  });
}

function reportUnmatchedCatalog(ctx: MapContext): void {
  const catalog = ctx.artifacts.catalog;
  if (!catalog) return;
  for (const uniqueId of catalog.entries.keys()) {
    const capsule = ctx.capsules.get(uniqueId);
    if (capsule) {
      // A model of another project keeps the columns that project's ingestion gives it.
      if (capsule.reference) ctx.g.count('catalogReferenceEntries');
      continue;
    }
    const resource = ctx.manifest.resources.get(uniqueId);
    if (resource && isTestType(resource.resourceType)) {
      ctx.g.count('catalogTestEntries');
      continue;
    }
    ctx.g.count('catalogUnmatched');
    ctx.g.issue({
      severity: 'warning',
      code: 'DBT_CATALOG_UNMATCHED',
      message: `catalog entry ${uniqueId} matches no enabled capsule of the manifest${ctx.manifest.disabled.has(uniqueId) ? ' (it is disabled)' : ''}`,
      file: ctx.artifacts.catalogPath,
      subject: uniqueId,
    });
  }
}

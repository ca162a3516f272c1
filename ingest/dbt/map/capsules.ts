import { createHash } from 'node:crypto';
import type { Props } from '../../core/graph.js';
import { physicalName, physicalNameOfRelation } from '../../common/physical-name.js';
import type { DbtResource } from '../artifacts.js';
import { CAPSULE_LABELS, dbtUrn, isCapsuleType } from './capsule-types.js';
import type { MapContext } from './context.js';
import { jsonProp } from '../../common/values.js';
import { layerOf } from './layer.js';
import { ownerLabel, ownersOf } from './ownership.js';

/**
 * One Capsule per enabled model, source, seed, snapshot, exposure, metric, semantic model, saved query and
 * analysis. A model injected from another project (dbt mesh) becomes a reference Capsule under that project.
 */
export function mapCapsules(ctx: MapContext): void {
  for (const resource of ctx.manifest.resources.values()) {
    if (!isCapsuleType(resource.resourceType)) continue;
    const label = CAPSULE_LABELS[resource.resourceType] as string;
    if (resource.external) {
      mapExternalCapsule(ctx, resource, label);
      continue;
    }
    const urn = dbtUrn(ctx.namespace, resource.uniqueId);
    ctx.g.addNode({ urn, labels: ['Capsule', label], props: capsuleProps(ctx, resource) });
    ctx.capsules.set(resource.uniqueId, { uniqueId: resource.uniqueId, urn, resourceType: resource.resourceType, reference: false, resource });
    ctx.g.count('capsules');
    ctx.g.count(`capsules${label}`);
  }
}

function mapExternalCapsule(ctx: MapContext, resource: DbtResource, label: string): void {
  const project = resource.packageName ?? resource.uniqueId.split('.')[1] ?? ctx.namespace;
  const urn = dbtUrn(project, resource.uniqueId);
  ctx.g.addNode({
    urn,
    labels: ['Capsule', label],
    mode: 'reference',
    props: {
      name: resource.name,
      resourceType: resource.resourceType,
      namespace: project,
      uniqueId: resource.uniqueId,
      packageName: resource.packageName,
      database: resource.database,
      schema: resource.schema,
      alias: resource.alias,
      relationName: resource.relationName,
      physicalName: physicalNameOf(resource),
      access: resource.access,
      version: resource.version,
      latestVersion: resource.latestVersion,
    },
  });
  ctx.capsules.set(resource.uniqueId, { uniqueId: resource.uniqueId, urn, resourceType: resource.resourceType, reference: true, resource });
  ctx.g.count('referenceCapsules');
}

function capsuleProps(ctx: MapContext, r: DbtResource): Props {
  const catalog = ctx.artifacts.catalog?.entries.get(r.uniqueId);
  const owner = ownersOf(r)[0];
  return {
    name: r.name,
    resourceType: r.resourceType,
    namespace: ctx.namespace,
    uniqueId: r.uniqueId,
    packageName: r.packageName,
    database: r.database,
    schema: r.schema,
    alias: r.alias,
    identifier: r.identifier,
    relationName: r.relationName,
    physicalName: physicalNameOf(r),
    adapter: ctx.manifest.metadata.adapter_type ?? undefined,
    materialization: r.materialized,
    language: r.language,
    description: r.description,
    label: r.label,
    tags: r.tags,
    metaJson: jsonProp(r.meta, 'as-given'),
    owner: owner ? ownerLabel(owner) : undefined,
    access: r.access,
    group: r.group,
    version: r.version,
    latestVersion: r.latestVersion,
    deprecationDate: r.deprecationDate,
    contractEnforced: r.contractEnforced,
    constraintsJson: jsonProp(r.constraints, 'as-given'),
    filePath: r.filePath,
    checksum: r.checksum,
    compiledCodeHash: r.compiledCode === undefined ? undefined : createHash('sha256').update(r.compiledCode).digest('hex'),
    compiledCode: r.compiledCode,
    rawCode: r.rawCode,
    dbtVersion: ctx.manifest.metadata.dbt_version ?? undefined,
    layer: layerOf(r),
    sourceName: r.sourceName,
    loader: r.loader,
    freshnessJson: jsonProp(r.freshness, 'as-given'),
    exposureType: r.exposureType,
    url: r.url,
    maturity: r.maturity,
    metricType: r.metricType,
    expressionJson: jsonProp(r.expression, 'as-given'),
    tableType: catalog?.tableType,
    rowCount: catalog?.rowCount,
    sizeBytes: catalog?.sizeBytes,
  };
}

/** Relations only: ephemeral models are CTEs, and exposures, metrics, semantic models, analyses are not tables. */
export function physicalNameOf(r: DbtResource): string | undefined {
  if (r.resourceType === 'model' && r.materialized === 'ephemeral') return undefined;
  if (!['model', 'seed', 'snapshot', 'source'].includes(r.resourceType)) return undefined;
  if (r.relationName) return physicalNameOfRelation(r.relationName);
  return physicalName([r.database, r.schema, r.alias ?? r.identifier ?? r.name]);
}

import { CAPSULE_LABELS, dbtUrn, isCapsuleType } from './capsule-types.js';
import type { CapsuleEntry, MapContext } from './context.js';

export type ResolvedTarget =
  | { kind: 'capsule'; capsule: CapsuleEntry }
  /** In the manifest but not a capsule: a test, an operation, a function. */
  | { kind: 'other'; resourceType: string }
  | { kind: 'disabled' }
  | { kind: 'missing' };

/**
 * What a depends_on entry points at. A unique_id missing from the manifest whose package is neither this project
 * nor an installed package is a cross-project reference (dbt mesh): it resolves to a reference Capsule under that
 * project's namespace, so the edge links up when that project is ingested too.
 */
export function resolveTarget(ctx: MapContext, uniqueId: string): ResolvedTarget {
  const capsule = ctx.capsules.get(uniqueId);
  if (capsule) return { kind: 'capsule', capsule };
  const resource = ctx.manifest.resources.get(uniqueId);
  if (resource) return { kind: 'other', resourceType: resource.resourceType };
  if (ctx.manifest.otherIds.has(uniqueId)) return { kind: 'other', resourceType: uniqueId.split('.')[0] ?? 'unknown' };
  if (ctx.manifest.disabled.has(uniqueId)) return { kind: 'disabled' };
  const foreign = foreignCapsule(ctx, uniqueId);
  return foreign ? { kind: 'capsule', capsule: foreign } : { kind: 'missing' };
}

function foreignCapsule(ctx: MapContext, uniqueId: string): CapsuleEntry | undefined {
  const [resourceType, project, ...rest] = uniqueId.split('.');
  if (!resourceType || !project || rest.length === 0 || !isCapsuleType(resourceType)) return undefined;
  if (project === ctx.namespace || ctx.manifest.packages.has(project)) return undefined;
  const urn = dbtUrn(project, uniqueId);
  const versioned = resourceType === 'model' && rest.length > 1 && /^v\d+$/i.test(rest[rest.length - 1] as string);
  const name = versioned ? rest.slice(0, -1).join('.') : (rest[rest.length - 1] as string);
  ctx.g.addNode({
    urn,
    labels: ['Capsule', CAPSULE_LABELS[resourceType] as string],
    mode: 'reference',
    props: {
      uniqueId,
      name,
      resourceType,
      namespace: project,
      packageName: project,
      version: versioned ? (rest[rest.length - 1] as string).slice(1) : undefined,
      sourceName: resourceType === 'source' && rest.length > 1 ? rest[0] : undefined,
    },
  });
  const entry: CapsuleEntry = { uniqueId, urn, resourceType, reference: true };
  ctx.capsules.set(uniqueId, entry);
  ctx.g.count('referenceCapsules');
  return entry;
}

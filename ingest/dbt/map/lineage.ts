import type { DbtResource } from '../artifacts.js';
import type { MapContext } from './context.js';
import { resolveTarget, type ResolvedTarget } from './resolve.js';

/**
 * Table lineage: (upstream)-[:FLOWS_TO]->(downstream) for every depends_on.nodes entry of an owned capsule that
 * resolves to a capsule (of this project or, for cross-project refs, of another one).
 */
export function mapTableLineage(ctx: MapContext): void {
  for (const capsule of ctx.capsules.values()) {
    if (capsule.reference || !capsule.resource) continue;
    for (const target of capsule.resource.dependsOn) {
      const resolved = resolveTarget(ctx, target);
      if (resolved.kind === 'capsule') {
        if (resolved.capsule.urn !== capsule.urn && ctx.g.addEdge('FLOWS_TO', resolved.capsule.urn, capsule.urn)) {
          ctx.g.count('flowsTo');
        }
      } else {
        reportUnresolved(ctx, capsule.resource, target, resolved, capsule.urn);
      }
    }
  }
}

/** A dependency that yields no edge: dangling (missing or disabled) is a warning, a non-capsule an info. */
export function reportUnresolved(
  ctx: MapContext,
  from: DbtResource,
  target: string,
  resolved: Exclude<ResolvedTarget, { kind: 'capsule' }>,
  subject: string,
): void {
  if (resolved.kind === 'other') {
    ctx.g.issue({
      severity: 'info',
      code: 'DBT_NON_CAPSULE_DEPENDENCY',
      message: `${from.uniqueId} depends on ${target}, a ${resolved.resourceType} (not a capsule): no edge`,
      file: ctx.artifacts.manifestPath,
      subject,
    });
    return;
  }
  ctx.g.count('danglingDependencies');
  ctx.g.issue({
    severity: 'warning',
    code: 'DBT_DANGLING_DEPENDENCY',
    message: `${from.uniqueId} depends on ${target}, which is ${resolved.kind === 'disabled' ? 'disabled' : 'not in the manifest'}: no edge`,
    file: ctx.artifacts.manifestPath,
    subject,
  });
}

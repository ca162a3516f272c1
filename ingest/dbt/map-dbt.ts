import type { DbtArtifacts } from './artifacts.js';
import { mapCapsules } from './map/capsules.js';
import { mapDomainAndProduct, mapTags } from './map/classification.js';
import { mapColumnLineage } from './map/column-lineage.js';
import { mapColumns } from './map/columns.js';
import type { MapContext } from './map/context.js';
import { GraphBuilder } from './map/graph-builder.js';
import { mapTableLineage } from './map/lineage.js';
import { resolveNamespace } from './map/namespace.js';
import type { DbtMapped, MapDbtOptions } from './map/options.js';
import { mapGroupMembership, mapGroups, mapOwners } from './map/ownership.js';
import { mapResults } from './map/results.js';
import { mapTests } from './map/tests.js';

export type { DbtMapped, DomainSource, MapDbtOptions } from './map/options.js';

/**
 * Maps dbt artifacts to the Helix graph (pure: no I/O). The graph model is documented in docs/model/dbt.md.
 * Reading issues of the artifacts are included in the returned issues.
 */
export function mapDbtArtifacts(artifacts: DbtArtifacts, options: MapDbtOptions = {}): DbtMapped {
  const g = new GraphBuilder();
  for (const issue of artifacts.issues) g.issue(issue);
  const namespace = resolveNamespace(artifacts.manifest, options.namespace, artifacts.manifestPath, g.issues);
  const ctx: MapContext = {
    artifacts,
    manifest: artifacts.manifest,
    namespace,
    options,
    g,
    capsules: new Map(),
    columns: new Map(),
    tests: new Map(),
  };
  g.count('disabled', 0);
  g.count('disabled', artifacts.manifest.disabled.size);

  mapCapsules(ctx);
  mapGroups(ctx);
  for (const capsule of [...ctx.capsules.values()]) {
    if (capsule.reference || !capsule.resource) continue;
    mapOwners(ctx, capsule.urn, capsule.resource);
    mapTags(ctx, capsule.urn, capsule.resource.tags);
    mapGroupMembership(ctx, capsule.urn, capsule.resource);
    mapDomainAndProduct(ctx, capsule.urn, capsule.resource);
  }
  mapColumns(ctx);
  mapTableLineage(ctx);
  mapTests(ctx);
  mapColumnLineage(ctx);
  const invocationIds = mapResults(ctx);

  return { ...g.build(), namespace, invocationIds };
}

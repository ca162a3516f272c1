import type { DbtArtifacts } from './artifacts.js';
import { mapCapsules } from './map/capsules.js';
import { mapDomainAndProduct, mapTags } from './map/classification.js';
import { columnLineageInputs, mapColumnLineage } from './map/column-lineage.js';
import { mapColumns } from './map/columns.js';
import type { MapContext } from './map/context.js';
import { GraphBuilder } from './map/graph-builder.js';
import { mapTableLineage } from './map/lineage.js';
import { resolveNamespace } from './map/namespace.js';
import type { DbtMapped, MapDbtOptions } from './map/options.js';
import { mapGroupMembership, mapGroups, mapOwners } from './map/ownership.js';
import { mapResults } from './map/results.js';
import { mapTests } from './map/tests.js';
import type { ColumnLineageInput } from './sql/types.js';

export type { DbtMapped, DomainSource, MapDbtOptions } from './map/options.js';

/**
 * Maps dbt artifacts to the Helix graph (pure: no I/O). The graph model is documented in docs/model/dbt.md.
 * Reading issues of the artifacts are included in the returned issues.
 */
export function mapDbtArtifacts(artifacts: DbtArtifacts, options: MapDbtOptions = {}): DbtMapped {
  const ctx = mapUpToColumnLineage(artifacts, options);
  return mapFromColumnLineage(ctx);
}

/**
 * The same mapping, with the column lineage inputs handed to `prepare` first (see columnLineageInputs) so that
 * they can be derived in parallel before the mapping, which stays sequential and deterministic, asks for them.
 */
export async function mapDbtArtifactsPrepared(
  artifacts: DbtArtifacts,
  options: MapDbtOptions,
  prepare: (inputs: ColumnLineageInput[]) => Promise<void>,
): Promise<DbtMapped> {
  const ctx = mapUpToColumnLineage(artifacts, options);
  if (options.deriveColumnLineage) await prepare(columnLineageInputs(ctx));
  return mapFromColumnLineage(ctx);
}

function mapUpToColumnLineage(artifacts: DbtArtifacts, options: MapDbtOptions): MapContext {
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
  return ctx;
}

function mapFromColumnLineage(ctx: MapContext): DbtMapped {
  mapColumnLineage(ctx);
  const invocationIds = mapResults(ctx);
  return { ...ctx.g.build(), namespace: ctx.namespace, invocationIds };
}

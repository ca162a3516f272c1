import type { Executor, QueryContext } from '../db/executor.js';
import { createBioLoaders } from './bio-loaders.js';
import { createConformanceLoaders } from './conformance-loaders.js';
import { createNeighborsLoader } from './lineage-loader.js';
import { createMetadataLoaders } from './metadata-loaders.js';
import { createNodeLoader, createProjectedNodeLoader } from './node-loader.js';
import { createProvenanceLoaders } from './provenance-loaders.js';

/** Each group of per-request loaders and how it is made. */
const GROUPS = {
  node: createNodeLoader,
  /** Nodes with only some properties (a planned selection's keys). */
  projected: createProjectedNodeLoader,
  meta: createMetadataLoaders,
  neighbors: createNeighborsLoader,
  bio: createBioLoaders,
  prov: createProvenanceLoaders,
  conformance: createConformanceLoaders,
} satisfies Record<string, (exec: Executor, ctx: QueryContext) => unknown>;

type Group = keyof typeof GROUPS;
export type Loaders = { readonly [K in Group]: ReturnType<(typeof GROUPS)[K]> };

/**
 * Per-request DataLoaders: created for each GraphQL request, never shared between requests. Each group is made on
 * first use: most requests touch one or two of them, and making all of them was a tenth of a cheap request's CPU.
 * The getters live on the prototype (one per entry of GROUPS, defined once below), so a request allocates only this
 * object and the groups it uses.
 */
class RequestLoaders {
  private readonly made: Partial<Record<Group, unknown>> = {};

  constructor(
    private readonly exec: Executor,
    private readonly ctx: QueryContext,
  ) {}

  static {
    for (const name of Object.keys(GROUPS) as Group[]) {
      Object.defineProperty(RequestLoaders.prototype, name, {
        get(this: RequestLoaders) {
          return (this.made[name] ??= GROUPS[name](this.exec, this.ctx));
        },
      });
    }
  }
}

export function createLoaders(exec: Executor, ctx: QueryContext): Loaders {
  // The getters of Loaders are defined on RequestLoaders' prototype from GROUPS (static block above).
  return new RequestLoaders(exec, ctx) as unknown as Loaders;
}

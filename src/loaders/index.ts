import type { Executor, QueryContext } from '../db/executor.js';
import { createBioLoaders } from './bio-loaders.js';
import { createConformanceLoaders } from './conformance-loaders.js';
import { createNeighborsLoader } from './lineage-loader.js';
import { createMetadataLoaders } from './metadata-loaders.js';
import { createNodeLoader } from './node-loader.js';
import { createProvenanceLoaders } from './provenance-loaders.js';

/** Per-request DataLoaders: created for each GraphQL request, never shared between requests. */
export function createLoaders(exec: Executor, ctx: QueryContext) {
  return {
    node: createNodeLoader(exec, ctx),
    meta: createMetadataLoaders(exec, ctx),
    neighbors: createNeighborsLoader(exec, ctx),
    bio: createBioLoaders(exec, ctx),
    prov: createProvenanceLoaders(exec, ctx),
    conformance: createConformanceLoaders(exec, ctx),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

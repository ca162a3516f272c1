import type { Executor, QueryContext } from '../db/executor.js';
import { createBioLoaders } from './bio-loaders.js';
import { createConformanceLoaders } from './conformance-loaders.js';
import { createNeighborsLoader } from './lineage-loader.js';
import { createMetadataLoaders } from './metadata-loaders.js';
import { createNodeLoader, createProjectedNodeLoader } from './node-loader.js';
import { createProvenanceLoaders } from './provenance-loaders.js';

/**
 * Per-request DataLoaders: created for each GraphQL request, never shared between requests. Each group is made on
 * first use: most requests touch one or two of them, and making all of them was a tenth of a cheap request's CPU.
 */
class RequestLoaders {
  private n?: ReturnType<typeof createNodeLoader>;
  private np?: ReturnType<typeof createProjectedNodeLoader>;
  private m?: ReturnType<typeof createMetadataLoaders>;
  private l?: ReturnType<typeof createNeighborsLoader>;
  private b?: ReturnType<typeof createBioLoaders>;
  private p?: ReturnType<typeof createProvenanceLoaders>;
  private c?: ReturnType<typeof createConformanceLoaders>;

  constructor(
    private readonly exec: Executor,
    private readonly ctx: QueryContext,
  ) {}

  get node() {
    return (this.n ??= createNodeLoader(this.exec, this.ctx));
  }
  /** Nodes with only some properties (a planned selection's keys). */
  get projected() {
    return (this.np ??= createProjectedNodeLoader(this.exec, this.ctx));
  }
  get meta() {
    return (this.m ??= createMetadataLoaders(this.exec, this.ctx));
  }
  get neighbors() {
    return (this.l ??= createNeighborsLoader(this.exec, this.ctx));
  }
  get bio() {
    return (this.b ??= createBioLoaders(this.exec, this.ctx));
  }
  get prov() {
    return (this.p ??= createProvenanceLoaders(this.exec, this.ctx));
  }
  get conformance() {
    return (this.c ??= createConformanceLoaders(this.exec, this.ctx));
  }
}

export type Loaders = Pick<RequestLoaders, 'node' | 'projected' | 'meta' | 'neighbors' | 'bio' | 'prov' | 'conformance'>;

export function createLoaders(exec: Executor, ctx: QueryContext): Loaders {
  return new RequestLoaders(exec, ctx);
}

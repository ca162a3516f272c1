import type { MappedGraph } from '../../core/graph.js';
import type { DeriveColumnLineage } from '../sql/types.js';

/** Where a capsule's Domain comes from: `meta.domain`, the models/<domain>/ folder, or meta then folder. */
export type DomainSource = 'meta' | 'folder' | 'meta-then-folder';

export interface MapDbtOptions {
  /** The dbt project urns are scoped by; default: see resolveNamespace. */
  namespace?: string;
  /** Column-level lineage from compiled SQL; without it no DERIVED_FROM edges are emitted (and all are preserved). */
  deriveColumnLineage?: DeriveColumnLineage;
  /** Default 'meta'. */
  domainFrom?: DomainSource;
}

export type DbtMapped = MappedGraph & {
  namespace: string;
  /** Invocations seen: the manifest's, run_results', sources.json's (in that order, without repeats). */
  invocationIds: string[];
};

import type { DbtArtifacts, DbtManifest, DbtResource } from '../artifacts.js';
import type { GraphBuilder } from './graph-builder.js';
import type { MapDbtOptions } from './options.js';

export interface CapsuleEntry {
  uniqueId: string;
  urn: string;
  resourceType: string;
  /** A capsule of another dbt project (mode 'reference'): it has no columns or props of ours. */
  reference: boolean;
  resource?: DbtResource;
}

/** State shared by the mapping steps of one manifest. */
export interface MapContext {
  artifacts: DbtArtifacts;
  manifest: DbtManifest;
  namespace: string;
  options: MapDbtOptions;
  g: GraphBuilder;
  capsules: Map<string, CapsuleEntry>;
  /** Capsule urn -> lower-cased column name -> column urn, for every Column node emitted. */
  columns: Map<string, Map<string, string>>;
  /** Test unique_id -> Test urn. */
  tests: Map<string, string>;
}

export function knownColumns(ctx: MapContext, capsuleUrn: string): Map<string, string> {
  let columns = ctx.columns.get(capsuleUrn);
  if (!columns) {
    columns = new Map();
    ctx.columns.set(capsuleUrn, columns);
  }
  return columns;
}

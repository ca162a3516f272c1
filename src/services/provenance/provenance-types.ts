/** HOW_MADE: what a node was made from (toward inputs and sources); WHAT_USED: what was made from it. */
export type ProvenanceDirection = 'HOW_MADE' | 'WHAT_USED';

export interface ProvenanceArgs {
  urn: string;
  direction?: ProvenanceDirection | null;
  depth?: number | null;
  limit?: number | null;
}

export interface ProvenanceRequest {
  urn: string;
  direction: ProvenanceDirection;
  depth: number;
  /** No depth was given: provenance deeper than `depth` then counts as truncation. */
  unboundedDepth: boolean;
  limit: number;
}

/** A node of a provenance answer: enough to draw it; the full node is one batched load away. */
export interface ProvenanceNodeView {
  urn: string;
  labels: string[];
  name: string | null;
  namespace: string | null;
  kind: string | null;
  status: string | null;
  /** Hops from the root (0 for the root). */
  distance: number;
}

/** An edge as stored (from -> to), or derived from dbt results (`via` the RunResult). */
export interface ProvenanceEdgeView {
  from: string;
  to: string;
  type: string;
  via: string | null;
}

export interface ProvenanceGraph {
  root: string;
  direction: ProvenanceDirection;
  depth: number;
  limit: number;
  nodes: ProvenanceNodeView[];
  edges: ProvenanceEdgeView[];
  truncated: boolean;
}

/** One row of a hop query: an edge walked from the frontier and the node it reached. */
export interface HopRow {
  from: string;
  to: string;
  type: string;
  via: string | null;
  node: Record<string, unknown> & { urn: string; labels: string[] };
}

export const PROVENANCE_LIMITS = {
  defaultDepth: 10,
  /** Each hop is one round trip. */
  maxDepth: 25,
  defaultLimit: 500,
  maxLimit: 5000,
  /** Edges one hop may return, per node of the limit (plus a floor). */
  edgesPerNode: 10,
  maxHopEdges: 50_000,
} as const;

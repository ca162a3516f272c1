export type Direction = 'UPSTREAM' | 'DOWNSTREAM';
export type LineageDirection = Direction | 'BOTH';
/** TABLE follows FLOWS_TO between capsules; COLUMN follows DERIVED_FROM between columns. */
export type LineageLevel = 'TABLE' | 'COLUMN';

/** A node of a lineage answer: enough to draw it; the full node is one `node` field (a batched load) away. */
export interface LineageNodeView {
  urn: string;
  labels: string[];
  name: string | null;
  namespace: string | null;
  layer: string | null;
  resourceType: string | null;
  capsuleUrn: string | null;
  /** Hops from the root (0 for the root). */
  distance: number;
  /** Where the node lies relative to the root; null for the root. */
  direction: Direction | null;
}

export interface LineageEdgeView {
  from: string;
  to: string;
  /** FLOWS_TO, DERIVED_FROM, or FEEDS_EXPOSURE (derived: the column's capsule FLOWS_TO the exposure). */
  type: string;
  transformation: string | null;
  /** For FEEDS_EXPOSURE: the capsule through which the column reaches the exposure. */
  via?: string | null;
}

export interface LineageFilter {
  /** Only nodes of these capsule types are returned and traversed (the root always is). */
  types?: string[];
  /** Nodes of these types are neither returned nor traversed. */
  excludeTypes?: string[];
}

export interface LineageRequest {
  urn: string;
  direction: LineageDirection;
  level: LineageLevel;
  /** Effective depth (already clamped). */
  depth: number;
  /** True when the caller gave no depth: lineage deeper than `depth` then counts as truncation. */
  unboundedDepth: boolean;
  limit: number;
  filter: LineageFilter;
}

export interface LineageGraph {
  root: string;
  direction: LineageDirection;
  level: LineageLevel;
  depth: number;
  limit: number;
  nodes: LineageNodeView[];
  edges: LineageEdgeView[];
  /** True when nodes were left out because of the node limit (or the maximum depth of an unbounded request). */
  truncated: boolean;
  /** Returned nodes whose further lineage was cut: expand from these to see more. */
  truncatedFrontier: string[];
}

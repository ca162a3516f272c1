import { requireQueries } from '../../db/registry.js';
import { LIMITS } from './limits.js';
import type { ServiceContext } from './service-context.js';
import type { Direction, LineageEdgeView, LineageFilter, LineageLevel, LineageNodeView } from './types.js';

const Q = requireQueries(['lineage/expand-lineage', 'lineage/expand-lineage-nodes'] as const);

/** One direction of a lineage: the root first, then every node reached, each at its shortest distance. */
export interface OneWayLineage {
  way: Direction;
  level: LineageLevel;
  nodes: LineageNodeView[];
  edges: LineageEdgeView[];
  limitHit: boolean;
  frontier: string[];
}

export interface OneWayRequest {
  urn: string;
  way: Direction;
  level: LineageLevel;
  depth: number;
  limit: number;
  filter: LineageFilter;
  /** Report nodes of the last level that have further lineage (an unbounded request reached the maximum depth). */
  probeBeyond: boolean;
  /** Compute the edges among the nodes (default true); false leaves `edges` empty. */
  withEdges?: boolean;
  /** Compute the frontier (default true); false leaves `frontier` empty. */
  withFrontier?: boolean;
}

/**
 * APOC relationship filters: data flows along FLOWS_TO (up -> down) and against DERIVED_FROM (down -> up), so
 * downstream column lineage walks DERIVED_FROM backwards.
 */
export function traversal(level: LineageLevel, way: Direction): { relationshipFilter: string; relType: string } {
  if (level === 'TABLE') return { relationshipFilter: way === 'DOWNSTREAM' ? 'FLOWS_TO>' : '<FLOWS_TO', relType: 'FLOWS_TO' };
  return { relationshipFilter: way === 'DOWNSTREAM' ? '<DERIVED_FROM' : 'DERIVED_FROM>', relType: 'DERIVED_FROM' };
}

/** APOC label filter syntax: '-' excludes, '+' admits only the listed labels (names are validated upstream). */
export function labelFilter(filter: LineageFilter): string {
  return [...(filter.excludeTypes ?? []).map((t) => `-${t}`), ...(filter.types ?? []).map((t) => `+${t}`)].join('|');
}

/** Runs the one-round-trip BFS; undefined when the root does not exist. */
export async function expandOneWay(s: ServiceContext, r: OneWayRequest): Promise<OneWayLineage | undefined> {
  const { relationshipFilter, relType } = traversal(r.level, r.way);
  const withExposures = r.level === 'COLUMN' && r.way === 'DOWNSTREAM';
  const withEdges = r.withEdges !== false;
  const withFrontier = r.withFrontier !== false;
  // Nodes alone (the most asked shape) take a query without the edge, frontier and exposure parts: same columns.
  const query = withEdges || withFrontier || withExposures ? Q['lineage/expand-lineage'] : Q['lineage/expand-lineage-nodes'];
  const rows = await s.exec.read(
    query,
    {
      urn: r.urn,
      relationshipFilter,
      relType,
      labelFilter: labelFilter(r.filter),
      depth: r.depth,
      limit: r.limit,
      probeBeyond: r.probeBeyond,
      withExposures,
      withEdges,
      withFrontier,
    },
    { ...s.query, timeoutMs: LIMITS.queryTimeoutMs },
  );
  const row = rows[0];
  if (!row) return undefined;
  const nodes = (row.nodes as RawNode[]).map((n) => nodeView(n, n.level === 0 ? null : r.way));
  const edges = (row.edges as LineageEdgeView[]).map(edgeView);
  addExposures(nodes, edges, row.exposures as RawNode[], row.exposureEdges as Array<{ from: string; to: string; via: string }>);
  return { way: r.way, level: r.level, nodes, edges, limitHit: Boolean(row.limitHit), frontier: row.frontier as string[] };
}

interface RawNode {
  urn: string;
  labels: string[];
  name?: unknown;
  namespace?: unknown;
  layer?: unknown;
  resourceType?: unknown;
  capsuleUrn?: unknown;
  level?: number;
}

export function nodeView(n: RawNode, direction: Direction | null, distance = n.level ?? 0): LineageNodeView {
  return {
    urn: n.urn,
    labels: n.labels.filter((l) => l !== 'Node'),
    name: text(n.name),
    namespace: text(n.namespace),
    layer: text(n.layer),
    resourceType: text(n.resourceType),
    capsuleUrn: text(n.capsuleUrn),
    distance,
    direction,
  };
}

export function edgeView(e: { from: string; to: string; type: string; transformation?: unknown }): LineageEdgeView {
  return { from: e.from, to: e.to, type: e.type, transformation: text(e.transformation) };
}

/** Column lineage "through to exposures": an exposure fed by the capsule of a reached column, one hop further. */
export function addExposures(
  nodes: LineageNodeView[],
  edges: LineageEdgeView[],
  exposures: RawNode[],
  links: Array<{ from: string; to: string; via: string }>,
): void {
  if (exposures.length === 0) return;
  const distance = new Map(nodes.map((n) => [n.urn, n.distance]));
  const reach = new Map<string, number>();
  for (const l of [...links].sort((a, b) => cmp(a.from + a.to, b.from + b.to))) {
    edges.push({ from: l.from, to: l.to, type: 'FEEDS_EXPOSURE', transformation: null, via: l.via });
    const d = (distance.get(l.from) ?? 0) + 1;
    reach.set(l.to, Math.min(d, reach.get(l.to) ?? Infinity));
  }
  for (const e of exposures) nodes.push(nodeView(e, 'DOWNSTREAM', reach.get(e.urn) ?? 1));
}

function text(v: unknown): string | null {
  return v === undefined || v === null ? null : String(v);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

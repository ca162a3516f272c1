import type { OneWayLineage } from './expand.js';
import type { LineageEdgeView, LineageGraph, LineageNodeView, LineageRequest } from './types.js';

/**
 * Joins the one-way expansions of a request into its answer: the root, then the nearest nodes up to the node
 * limit (by distance, then direction, then urn), the edges among them, and an honest account of
 * what was cut. Pure, so the trimming rules are unit-tested.
 */
export function mergeLineage(req: LineageRequest, parts: OneWayLineage[]): LineageGraph {
  const root = parts[0]?.nodes[0];
  if (!root) throw new Error('mergeLineage needs at least one expansion with its root');
  const candidates = new Map<string, LineageNodeView>();
  for (const part of parts) {
    for (const n of part.nodes.slice(1)) {
      if (n.urn === root.urn) continue;
      const seen = candidates.get(n.urn);
      if (!seen || n.distance < seen.distance) candidates.set(n.urn, n);
    }
  }
  const ordered = [...candidates.values()].sort(byDistance);
  const room = Math.max(0, req.limit - 1);
  const kept = [{ ...root, distance: 0, direction: null }, ...ordered.slice(0, room)];
  const keptUrns = new Set(kept.map((n) => n.urn));
  const dropped = new Set(ordered.slice(room).map((n) => n.urn));

  const edges = new Map<string, LineageEdgeView>();
  const frontier = new Set<string>();
  for (const part of parts) {
    for (const e of part.edges) {
      if (keptUrns.has(e.from) && keptUrns.has(e.to)) edges.set(`${e.from}\u0000${e.type}\u0000${e.to}`, e);
      const { parent, child } = walk(part, e);
      if (dropped.has(child) && keptUrns.has(parent)) frontier.add(parent);
    }
    for (const f of part.frontier) if (keptUrns.has(f)) frontier.add(f);
  }
  return {
    root: root.urn,
    direction: req.direction,
    level: req.level,
    depth: req.depth,
    limit: req.limit,
    nodes: kept,
    edges: [...edges.values()].sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to) || cmp(a.type, b.type)),
    truncated: dropped.size > 0 || frontier.size > 0 || parts.some((p) => p.limitHit),
    truncatedFrontier: [...frontier].sort(cmp),
  };
}

/** Which end of an edge the traversal came from (parent) and which it reached (child). */
function walk(part: OneWayLineage, e: LineageEdgeView): { parent: string; child: string } {
  if (e.type === 'FEEDS_EXPOSURE') return { parent: e.from, child: e.to };
  const alongEdge = (part.level === 'TABLE') === (part.way === 'DOWNSTREAM');
  return alongEdge ? { parent: e.from, child: e.to } : { parent: e.to, child: e.from };
}

function byDistance(a: LineageNodeView, b: LineageNodeView): number {
  return a.distance - b.distance || cmp(a.direction ?? '', b.direction ?? '') || cmp(a.urn, b.urn);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

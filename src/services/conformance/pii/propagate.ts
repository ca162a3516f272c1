import type { PiiCategory } from './categories.js';
import { propagationStop, type DownstreamColumn, type LineageStep } from './propagation-stops.js';

export interface Origin {
  column: string;
  category: PiiCategory;
}

/** One DERIVED_FROM edge seen from upstream: `child` derives from `parent`. */
export interface Hop extends LineageStep {
  parent: string;
  child: string;
  column: DownstreamColumn;
}

export interface Reached {
  column: string;
  category: PiiCategory;
  /** Column urns of one shortest path, the origin first and `column` last. */
  evidence: string[];
}

export interface PropagationResult {
  reached: Reached[];
  /** Breadth-first levels walked (the longest shortest path). */
  levels: number;
  /** Edges not followed, by reason (hashed, count or measure, masked...). */
  stopped: Record<string, number>;
}

/**
 * Multi-source breadth-first search per category, one level at a time: `hops(urns)` returns every DERIVED_FROM
 * edge whose parent is one of `urns` (one Cypher round trip per level for all columns and categories at once).
 * A column reached first at level k gets the path of one parent at level k-1 (the smallest parent urn, so the
 * result is deterministic): a shortest path from the nearest origin of that category. Origins are never
 * reached (a column that is an origin of a category keeps that finding).
 */
export async function propagate(
  origins: Origin[],
  hops: (parents: string[]) => Promise<Hop[]>,
  maxLevels = 200,
): Promise<PropagationResult> {
  const paths = new Map<string, string[]>();
  const key = (column: string, category: PiiCategory) => `${category}\u0000${column}`;
  let frontier = new Map<string, PiiCategory[]>();
  for (const o of origins) {
    if (paths.has(key(o.column, o.category))) continue;
    paths.set(key(o.column, o.category), [o.column]);
    (frontier.get(o.column) ?? frontier.set(o.column, []).get(o.column)!).push(o.category);
  }
  const reached: Reached[] = [];
  const stopped: Record<string, number> = {};
  let levels = 0;
  while (frontier.size > 0 && levels < maxLevels) {
    const edges = (await hops([...frontier.keys()])).sort((a, b) => (a.child === b.child ? cmp(a.parent, b.parent) : cmp(a.child, b.child)));
    const next = new Map<string, PiiCategory[]>();
    for (const e of edges) {
      for (const category of frontier.get(e.parent) ?? []) {
        const k = key(e.child, category);
        if (paths.has(k)) continue;
        const why = propagationStop(e, e.column, category);
        if (why) {
          stopped[why] = (stopped[why] ?? 0) + 1;
          continue;
        }
        const path = [...paths.get(key(e.parent, category))!, e.child];
        paths.set(k, path);
        reached.push({ column: e.child, category, evidence: path });
        (next.get(e.child) ?? next.set(e.child, []).get(e.child)!).push(category);
      }
    }
    if (next.size > 0) levels++;
    frontier = next;
  }
  return { reached, levels, stopped };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

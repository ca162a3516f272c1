import type { PiiCategory } from './categories.js';
import { propagationStop, type DownstreamColumn, type LineageStep } from './propagation-stops.js';

export interface Origin {
  column: string;
  category: PiiCategory;
  /** DECLARED: stays an origin even when PII also flows into it from upstream. */
  declared: boolean;
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
  /** Breadth-first levels walked in the final pass (the longest shortest path). */
  levels: number;
  /** Edges not followed, by reason (hashed, count or measure, masked...), in the final pass. */
  stopped: Record<string, number>;
}

type Hops = (parents: string[]) => Promise<Hop[]>;
const key = (column: string, category: PiiCategory) => `${category}\u0000${column}`;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * PII flows downstream along DERIVED_FROM from its origins. A column PII flows into is PROPAGATED, with one
 * shortest path from an origin: also when its own name would have DETECTED it (the path says where the value
 * comes from); only DECLARED columns and detected columns nothing flows into remain origins.
 *
 * Pass 1 walks from every origin and notes which detected origins PII flows into from another origin; pass 2
 * walks from the others (the roots), so those columns are reached like any other; a detected origin that only a
 * cycle feeds becomes a root in a third pass. Edges are fetched once per parent (cached across passes): one
 * Cypher round trip per level and pass for all columns and categories at once, never one per column.
 */
export async function propagate(origins: Origin[], hops: Hops, maxLevels = 200): Promise<PropagationResult> {
  const cached = cachedHops(hops);
  const unique = [...new Map(origins.map((o) => [key(o.column, o.category), o])).values()];
  const first = await bfs(unique, cached, maxLevels);
  let roots = unique.filter((o) => o.declared || !first.fed.has(key(o.column, o.category)));
  let result = await bfs(roots, cached, maxLevels);
  const orphans = unique.filter((o) => !roots.includes(o) && !result.paths.has(key(o.column, o.category)));
  if (orphans.length > 0) {
    roots = [...roots, ...orphans];
    result = await bfs(roots, cached, maxLevels);
  }
  return { reached: result.reached, levels: result.levels, stopped: result.stopped };
}

/**
 * Multi-source breadth-first search per category, one level at a time. A column reached first at level k gets
 * the path of one parent at level k-1 (the smallest parent urn, so the result is deterministic). `fed`: seeds
 * that an edge from another origin's path leads into.
 */
async function bfs(seeds: Origin[], hops: Hops, maxLevels: number) {
  const paths = new Map<string, string[]>();
  let frontier = new Map<string, PiiCategory[]>();
  for (const o of seeds) {
    paths.set(key(o.column, o.category), [o.column]);
    (frontier.get(o.column) ?? frontier.set(o.column, []).get(o.column)!).push(o.category);
  }
  const seedKeys = new Set(paths.keys());
  const fed = new Set<string>();
  const reached: Reached[] = [];
  const stopped: Record<string, number> = {};
  let levels = 0;
  while (frontier.size > 0 && levels < maxLevels) {
    const edges = (await hops([...frontier.keys()])).sort((a, b) => (a.child === b.child ? cmp(a.parent, b.parent) : cmp(a.child, b.child)));
    const next = new Map<string, PiiCategory[]>();
    for (const e of edges) {
      for (const category of frontier.get(e.parent) ?? []) {
        const k = key(e.child, category);
        const from = paths.get(key(e.parent, category))!;
        if (paths.has(k)) {
          if (seedKeys.has(k) && from[0] !== e.child && !propagationStop(e, e.column, category)) fed.add(k);
          continue;
        }
        const why = propagationStop(e, e.column, category);
        if (why) {
          stopped[why] = (stopped[why] ?? 0) + 1;
          continue;
        }
        const path = [...from, e.child];
        paths.set(k, path);
        reached.push({ column: e.child, category, evidence: path });
        (next.get(e.child) ?? next.set(e.child, []).get(e.child)!).push(category);
      }
    }
    if (next.size > 0) levels++;
    frontier = next;
  }
  return { paths, fed, reached, levels, stopped };
}

/** Edges per parent, fetched once: the passes walk mostly the same columns. */
function cachedHops(hops: Hops): Hops {
  const byParent = new Map<string, Hop[]>();
  return async (parents) => {
    const missing = parents.filter((p) => !byParent.has(p));
    if (missing.length > 0) {
      for (const p of missing) byParent.set(p, []);
      for (const h of await hops(missing)) byParent.get(h.parent)?.push(h);
    }
    return parents.flatMap((p) => byParent.get(p)!);
  };
}

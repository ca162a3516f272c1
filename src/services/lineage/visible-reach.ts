import type { LineageEdgeView, LineageNodeView } from './types.js';

/**
 * What a caller limited to some namespaces may see of a lineage: the nodes `sees` admits that are reached from the
 * root through such nodes only (a hidden node is a wall: what lies behind it is not shown either, so neither its
 * name nor a count betrays it). The root first, then the others in their given order; undefined when the root itself
 * is hidden (the caller is answered as for a missing node).
 */
export function visibleReach(nodes: LineageNodeView[], edges: LineageEdgeView[], sees: (n: LineageNodeView) => boolean): LineageNodeView[] | undefined {
  const root = nodes[0];
  if (!root || !sees(root)) return undefined;
  const kept = reachThroughVisible(root.urn, edges, new Set(nodes.filter(sees).map((n) => n.urn)));
  return nodes.filter((n) => kept.has(n.urn));
}

/**
 * The urns reached from `root` along edges whose ends (and `via` node, when an edge has one) are all visible: a
 * hidden node is a wall, never a bridge, so nothing behind it is reached through it.
 */
export function reachThroughVisible(root: string, edges: ReadonlyArray<{ from: string; to: string; via?: string | null }>, visible: ReadonlySet<string>): Set<string> {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    if (!visible.has(e.from) || !visible.has(e.to) || (e.via && !visible.has(e.via))) continue;
    link(next, e.from, e.to);
    link(next, e.to, e.from);
  }
  const kept = new Set([root]);
  const queue = [root];
  for (let i = 0; i < queue.length; i++) {
    for (const m of next.get(queue[i]!) ?? []) {
      if (kept.has(m)) continue;
      kept.add(m);
      queue.push(m);
    }
  }
  return kept;
}

function link(next: Map<string, string[]>, from: string, to: string): void {
  const list = next.get(from);
  if (list) list.push(to);
  else next.set(from, [to]);
}

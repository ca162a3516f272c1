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
  const visible = new Set(nodes.filter(sees).map((n) => n.urn));
  const next = new Map<string, string[]>();
  for (const e of edges) {
    if (!visible.has(e.from) || !visible.has(e.to) || (e.via && !visible.has(e.via))) continue;
    next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
    next.set(e.to, [...(next.get(e.to) ?? []), e.from]);
  }
  const kept = new Set([root.urn]);
  const queue = [root.urn];
  while (queue.length > 0) {
    for (const m of next.get(queue.shift()!) ?? []) {
      if (kept.has(m)) continue;
      kept.add(m);
      queue.push(m);
    }
  }
  return nodes.filter((n) => kept.has(n.urn));
}

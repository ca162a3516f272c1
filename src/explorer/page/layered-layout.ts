/**
 * A linear-time layered layout for large views (dagre's network-simplex ranking and crossing reduction take
 * seconds to minutes beyond a few hundred nodes): rank = longest path from the sources, then barycentre sweeps
 * order each rank, so a 2,000-node lineage is placed in milliseconds, still left to right.
 */
export interface LayeredOptions {
  rankSep: number;
  nodeSep: number;
  sweeps?: number;
}

export function layeredPositions(
  ids: string[],
  edges: Array<{ source: string; target: string }>,
  size: (id: string) => { w: number; h: number },
  o: LayeredOptions,
): Map<string, { x: number; y: number }> {
  const index = new Map(ids.map((id, i) => [id, i]));
  const preds: number[][] = ids.map(() => []);
  const succs: number[][] = ids.map(() => []);
  for (const e of edges) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined || t === undefined || s === t) continue;
    succs[s]!.push(t);
    preds[t]!.push(s);
  }
  // Ranks by longest path (Kahn's order); nodes on cycles are ranked after their ranked predecessors.
  const rank = new Array<number>(ids.length).fill(0);
  const indegree = preds.map((p) => p.length);
  const queue: number[] = [];
  const queued = new Array<boolean>(ids.length).fill(false);
  const enqueue = (n: number) => {
    queued[n] = true;
    queue.push(n);
  };
  indegree.forEach((d, i) => d === 0 && enqueue(i));
  for (let head = 0, scan = 0; ; ) {
    while (head < queue.length) {
      const n = queue[head++]!;
      for (const t of succs[n]!) {
        rank[t] = Math.max(rank[t]!, rank[n]! + 1);
        if (--indegree[t]! === 0 && !queued[t]) enqueue(t);
      }
    }
    while (scan < ids.length && queued[scan]) scan++;
    if (scan >= ids.length) break;
    enqueue(scan); // breaks a cycle
  }
  const layers: number[][] = [];
  for (const n of queue) (layers[rank[n]!] ??= []).push(n);
  // Order: barycentre of neighbours in the previous layer (down), then of the next layer (up).
  const pos = new Array<number>(ids.length).fill(0);
  const place = (layer: number[]) => layer.forEach((n, i) => (pos[n] = i));
  layers.forEach((l) => l && place(l));
  const bary = (n: number, neighbours: number[]) =>
    neighbours.length ? neighbours.reduce((s, m) => s + pos[m]!, 0) / neighbours.length : pos[n]!;
  for (let sweep = 0; sweep < (o.sweeps ?? 4); sweep++) {
    const down = sweep % 2 === 0;
    const order = down ? layers.keys() : [...layers.keys()].reverse();
    for (const r of order) {
      const layer = layers[r];
      if (!layer) continue;
      const key = new Map(layer.map((n) => [n, bary(n, down ? preds[n]! : succs[n]!)]));
      layer.sort((a, b) => key.get(a)! - key.get(b)! || pos[a]! - pos[b]!);
      place(layer);
    }
  }
  const positions = new Map<string, { x: number; y: number }>();
  let x = 0;
  for (const layer of layers) {
    if (!layer) continue;
    const widths = layer.map((n) => size(ids[n]!).w);
    const heights = layer.map((n) => size(ids[n]!).h);
    const total = heights.reduce((s, h) => s + h + o.nodeSep, -o.nodeSep);
    let y = -total / 2;
    const colWidth = Math.max(...widths);
    layer.forEach((n, i) => {
      positions.set(ids[n]!, { x: x + colWidth / 2, y: y + heights[i]! / 2 });
      y += heights[i]! + o.nodeSep;
    });
    x += colWidth + o.rankSep;
  }
  return positions;
}

import type { HopRow, ProvenanceEdgeView, ProvenanceNodeView } from './provenance-types.js';

const text = (v: unknown): string | null => (v === undefined || v === null || v === '' ? null : String(v));
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The view of a node as hop queries project it. */
export function provenanceNodeView(n: Record<string, unknown> & { urn: string; labels: string[] }, distance: number): ProvenanceNodeView {
  return {
    urn: n.urn,
    labels: n.labels.filter((l) => l !== 'Node'),
    name: text(n.name) ?? text(n.symbol) ?? text(n.accession) ?? text(n.path) ?? text(n.runId) ?? text(n.invocationId),
    namespace: text(n.namespace),
    kind: text(n.kind) ?? (n.labels.includes('Invocation') ? 'dbt' : null),
    status: text(n.status),
    distance,
  };
}

export interface BfsOptions {
  depth: number;
  limit: number;
  /** Report provenance beyond `depth` as truncation (no depth was asked for). */
  probeBeyond: boolean;
  /** Rows one hop may return; a hop that returns this many may have missed some. */
  hopCap: number;
  /** One breadth-first hop from the frontier: every edge walked and the node it reached (distinct). */
  hop: (frontier: string[], cap: number) => Promise<HopRow[]>;
}

export interface BfsResult {
  nodes: ProvenanceNodeView[];
  edges: ProvenanceEdgeView[];
  truncated: boolean;
}

/**
 * Per-hop breadth-first expansion: each node once, at its shortest distance; no paths are enumerated. New nodes of
 * a hop are admitted in urn order until the node limit; edges are those walked between admitted nodes.
 */
export async function expandBreadthFirst(root: ProvenanceNodeView, o: BfsOptions): Promise<BfsResult> {
  const kept = new Map<string, ProvenanceNodeView>([[root.urn, { ...root, distance: 0 }]]);
  const edges = new Map<string, ProvenanceEdgeView>();
  let frontier = [root.urn];
  let truncated = false;
  let distance = 0;
  while (frontier.length > 0 && distance < o.depth && !truncated) {
    distance += 1;
    const rows = await o.hop(frontier, o.hopCap);
    if (rows.length >= o.hopCap) truncated = true;
    const found = new Map<string, ProvenanceNodeView>();
    for (const r of rows) {
      edges.set(`${r.from}\u0000${r.type}\u0000${r.to}\u0000${r.via ?? ''}`, { from: r.from, to: r.to, type: r.type, via: r.via ?? null });
      if (!kept.has(r.node.urn) && !found.has(r.node.urn)) found.set(r.node.urn, provenanceNodeView(r.node, distance));
    }
    const fresh = [...found.values()].sort((a, b) => cmp(a.urn, b.urn));
    const room = o.limit - kept.size;
    if (fresh.length > room) truncated = true;
    for (const n of fresh.slice(0, Math.max(0, room))) kept.set(n.urn, n);
    frontier = fresh.slice(0, Math.max(0, room)).map((n) => n.urn);
  }
  if (!truncated && o.probeBeyond && frontier.length > 0) {
    const beyond = await o.hop(frontier, o.hopCap);
    truncated = beyond.some((r) => !kept.has(r.node.urn));
  }
  return {
    nodes: [...kept.values()].sort((a, b) => a.distance - b.distance || cmp(a.urn, b.urn)),
    edges: [...edges.values()]
      .filter((e) => kept.has(e.from) && kept.has(e.to))
      .sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to) || cmp(a.type, b.type) || cmp(a.via ?? '', b.via ?? '')),
    truncated,
  };
}

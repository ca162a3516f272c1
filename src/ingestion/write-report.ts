export interface Tally {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
}

export interface WriteReport {
  nodes: Tally & { byLabel: Record<string, Tally> };
  edges: Tally & { byType: Record<string, Tally> };
  /** Edges whose endpoint did not exist when written (reported as issues too). */
  danglingEdges: number;
  changed: boolean;
}

export type Outcome = keyof Tally;

export function emptyTally(): Tally {
  return { created: 0, updated: 0, unchanged: 0, deleted: 0 };
}

export function emptyReport(): WriteReport {
  return {
    nodes: { ...emptyTally(), byLabel: {} },
    edges: { ...emptyTally(), byType: {} },
    danglingEdges: 0,
    changed: false,
  };
}

export function countNode(r: WriteReport, label: string, outcome: Outcome, n = 1): void {
  r.nodes[outcome] += n;
  (r.nodes.byLabel[label] ??= emptyTally())[outcome] += n;
  if (outcome !== 'unchanged' && n > 0) r.changed = true;
}

export function countEdge(r: WriteReport, type: string, outcome: Outcome, n = 1): void {
  r.edges[outcome] += n;
  (r.edges.byType[type] ??= emptyTally())[outcome] += n;
  if (outcome !== 'unchanged' && n > 0) r.changed = true;
}

export function mergeReports(into: WriteReport, from: WriteReport): WriteReport {
  for (const [label, t] of Object.entries(from.nodes.byLabel)) {
    for (const k of Object.keys(t) as Outcome[]) countNode(into, label, k, t[k]);
  }
  for (const [type, t] of Object.entries(from.edges.byType)) {
    for (const k of Object.keys(t) as Outcome[]) countEdge(into, type, k, t[k]);
  }
  into.danglingEdges += from.danglingEdges;
  into.changed ||= from.changed;
  return into;
}

import type { GraphEdge, GraphNode, IngestIssue, MappedGraph, PreservedEdges, Props, PropValue } from '../core/graph.js';

/**
 * How a node or edge emitted again (an agent named by every task, an owner named by two models, a gene listed twice)
 * is merged with the one already collected. Every builder names its policy; a call may name another.
 * - `first-wins`: the first values stay; later ones only fill properties still missing; the first edge stays as is.
 *   An owned node makes a referenced one owned. (dbt: the manifest's description of a node is the one written.)
 * - `fill-in`: later values fill in and override; an owned description beats a mere reference (whose values only fill
 *   gaps); edge properties merge, later ones win. (Provenance documents: later events complete a run.)
 * - `report-conflicts`: an owned node replaces a reference and is never replaced by one; between equals list values
 *   are unioned and scalars overwritten, later wins, and a changed owned value is reported (`onConflict`). (Bio
 *   files, where two records mapping to one owned node is worth an info issue.)
 */
export type MergePolicy = 'first-wins' | 'fill-in' | 'report-conflicts';

const edgeKey = (type: string, from: string, to: string) => `${type}\u0000${from}\u0000${to}`;

/** Nodes by urn and edges by (type, from, to), merged by a named policy. */
export class GraphStore {
  readonly nodes = new Map<string, GraphNode>();
  readonly edges = new Map<string, GraphEdge>();

  /** `onConflict`: called with the urn when `report-conflicts` overwrote a different owned value. */
  constructor(private readonly onConflict?: (urn: string) => void) {}

  putNode(node: GraphNode, policy: MergePolicy): void {
    const existing = this.nodes.get(node.urn);
    if (!existing) {
      this.nodes.set(node.urn, node);
      return;
    }
    if (policy === 'report-conflicts') return this.reportingMerge(existing, node);
    for (const label of node.labels) if (!existing.labels.includes(label)) existing.labels.push(label);
    if (policy === 'first-wins') {
      for (const [key, value] of Object.entries(node.props)) if (existing.props[key] === undefined) existing.props[key] = value;
      if (node.mode !== 'reference') delete existing.mode;
    } else if (node.mode === 'upsert' && existing.mode === 'reference') {
      existing.mode = 'upsert';
      existing.props = { ...existing.props, ...node.props };
    } else if (node.mode === existing.mode) {
      existing.props = { ...existing.props, ...node.props };
    } else {
      existing.props = { ...node.props, ...existing.props };
    }
  }

  private reportingMerge(existing: GraphNode, node: GraphNode): void {
    const existingOwned = existing.mode !== 'reference';
    const incomingOwned = node.mode !== 'reference';
    if (existingOwned && !incomingOwned) return;
    if (!existingOwned && incomingOwned) {
      this.nodes.set(node.urn, node);
      return;
    }
    const props = { ...existing.props };
    let conflict = false;
    for (const [k, v] of Object.entries(node.props)) {
      if (v === undefined) continue;
      const old = props[k];
      if (Array.isArray(old) && Array.isArray(v)) props[k] = [...new Set([...old, ...v] as (string | number | boolean)[])] as typeof v;
      else {
        if (old !== undefined && old !== v) conflict = true;
        props[k] = v;
      }
    }
    if (conflict && existingOwned) this.onConflict?.(node.urn);
    const labels = [...existing.labels, ...node.labels.filter((l) => !existing.labels.includes(l))];
    this.nodes.set(node.urn, { ...existing, labels, props });
  }

  /** Returns false when the edge was there already. */
  putEdge(edge: GraphEdge, policy: MergePolicy): boolean {
    const key = edgeKey(edge.type, edge.from, edge.to);
    const existing = this.edges.get(key);
    if (!existing) {
      this.edges.set(key, edge);
      return true;
    }
    if (policy === 'report-conflicts') this.edges.set(key, { ...existing, props: { ...existing.props, ...edge.props } });
    else if (policy === 'fill-in' && edge.props) existing.props = { ...(existing.props ?? {}), ...edge.props };
    return false;
  }

  clear(): void {
    this.nodes.clear();
    this.edges.clear();
  }
}

/** Drops undefined values only. */
export function definedProps(props: Props): Props {
  const out: Props = {};
  for (const [key, value] of Object.entries(props)) if (value !== undefined) out[key] = value;
  return out;
}

/** Drops undefined, null, non-finite numbers and empty strings; mixed arrays become arrays of strings. */
export function storableProps(props: Props): Props {
  const out: Props = {};
  for (const [key, value] of Object.entries(props)) {
    const clean = storableValue(value);
    if (clean !== undefined) out[key] = clean;
  }
  return out;
}

function storableValue(value: PropValue | undefined): PropValue | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (Array.isArray(value)) {
    const kinds = new Set(value.map((v) => typeof v));
    return kinds.size > 1 ? value.map(String) : value;
  }
  return value;
}

export interface GraphBuilderOptions {
  /** The builder's merge policy; a call may name another. */
  merge: MergePolicy;
  /** How properties are cleaned before they are merged (default: undefined values dropped). */
  clean?: (props: Props) => Props;
  /** When set, edges with an end that is not a node are dropped at build() and reported under this code. */
  danglingEdgeCode?: string;
}

/**
 * Collects the nodes and edges of one mapped artifact so a mapping can emit the same node or edge from several places
 * and still hand the writer one of each (streamed bio readers use BatchBuilder, which merges with the same GraphStore).
 */
export class GraphBuilder {
  private readonly store = new GraphStore();
  private readonly preserved = new Map<string, PreservedEdges>();
  readonly issues: IngestIssue[] = [];
  readonly stats: Record<string, number> = {};
  private readonly merge: MergePolicy;
  private readonly clean: (props: Props) => Props;

  constructor(private readonly o: GraphBuilderOptions = { merge: 'fill-in' }) {
    this.merge = o.merge;
    this.clean = o.clean ?? definedProps;
  }

  /** Adds (or merges) a node; returns its urn. */
  node(urn: string, labels: string[], props: Props = {}, mode: 'upsert' | 'reference' = 'upsert', merge = this.merge): string {
    this.store.putNode({ urn, labels: [...labels], props: this.clean(props), mode }, merge);
    return urn;
  }

  reference(urn: string, labels: string[], props: Props = {}): string {
    return this.node(urn, labels, props, 'reference');
  }

  addNode(node: GraphNode, merge = this.merge): void {
    this.store.putNode({ ...node, labels: [...node.labels], props: this.clean(node.props) }, merge);
  }

  has(urn: string): boolean {
    return this.store.nodes.has(urn);
  }

  hasNode(urn: string): boolean {
    return this.has(urn);
  }

  getNode(urn: string): GraphNode | undefined {
    return this.store.nodes.get(urn);
  }

  /** Adds (or merges) an edge; returns false when the same edge was there already. Empty props are left out. */
  edge(type: string, from: string, to: string, props?: Props, merge = this.merge): boolean {
    const clean = props ? this.clean(props) : undefined;
    const edge: GraphEdge = clean && Object.keys(clean).length > 0 ? { type, from, to, props: clean } : { type, from, to };
    return this.store.putEdge(edge, merge);
  }

  addEdge(type: string, from: string, to: string, props?: Props, merge = this.merge): boolean {
    return this.edge(type, from, to, props, merge);
  }

  /** The writer keeps the `type` edges of `from` that this graph does not name (they belong to another artifact). */
  preserve(from: string, type: string): void {
    this.preserved.set(`${type}\u0000${from}`, { from, type });
  }

  issue(issue: IngestIssue): void {
    this.issues.push(issue);
  }

  count(stat: string, by = 1): void {
    this.stats[stat] = (this.stats[stat] ?? 0) + by;
  }

  build(): MappedGraph {
    const edges: GraphEdge[] = [];
    for (const edge of this.store.edges.values()) {
      const code = this.o.danglingEdgeCode;
      if (!code || (this.store.nodes.has(edge.from) && this.store.nodes.has(edge.to))) edges.push(edge);
      else {
        // Edges whose ends are not nodes of this graph would be written as dangling relationships: reported, dropped.
        this.issue({ severity: 'error', code, message: `${edge.type} edge dropped: ${edge.from} -> ${edge.to} has an end that is not a node`, subject: edge.from });
      }
    }
    const graph: MappedGraph = { nodes: [...this.store.nodes.values()], edges, issues: [...this.issues], stats: { ...this.stats } };
    if (this.preserved.size > 0) graph.preserve = [...this.preserved.values()];
    return graph;
  }
}

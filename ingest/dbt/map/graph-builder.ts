import type { GraphEdge, GraphNode, IngestIssue, MappedGraph, PreservedEdges, Props, PropValue } from '../../core/graph.js';

/**
 * Collects nodes and edges with de-duplication: a node added twice (an owner named by two models, an invocation
 * named by the manifest and by run_results) is merged, an edge is kept once per (type, from, to).
 */
export class GraphBuilder {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly edges = new Map<string, GraphEdge>();
  private readonly preserved = new Map<string, PreservedEdges>();
  readonly issues: IngestIssue[] = [];
  readonly stats: Record<string, number> = {};

  addNode(node: GraphNode): void {
    const props = cleanProps(node.props);
    const existing = this.nodes.get(node.urn);
    if (!existing) {
      this.nodes.set(node.urn, { ...node, labels: [...node.labels], props });
      return;
    }
    for (const label of node.labels) if (!existing.labels.includes(label)) existing.labels.push(label);
    for (const [key, value] of Object.entries(props)) if (existing.props[key] === undefined) existing.props[key] = value;
    if (node.mode !== 'reference') delete existing.mode;
  }

  hasNode(urn: string): boolean {
    return this.nodes.has(urn);
  }

  getNode(urn: string): GraphNode | undefined {
    return this.nodes.get(urn);
  }

  /** Returns false when the same edge was already added. */
  addEdge(type: string, from: string, to: string, props?: Props): boolean {
    const key = `${type}\u0000${from}\u0000${to}`;
    if (this.edges.has(key)) return false;
    const edge: GraphEdge = { type, from, to };
    if (props) {
      const clean = cleanProps(props);
      if (Object.keys(clean).length > 0) edge.props = clean;
    }
    this.edges.set(key, edge);
    return true;
  }

  preserve(from: string, type: string): void {
    this.preserved.set(`${type}\u0000${from}`, { from, type });
  }

  count(key: string, by = 1): void {
    this.stats[key] = (this.stats[key] ?? 0) + by;
  }

  issue(issue: IngestIssue): void {
    this.issues.push(issue);
  }

  /** Edges whose ends are not nodes of this graph would be written as dangling relationships: reported, dropped. */
  build(): MappedGraph {
    const edges: GraphEdge[] = [];
    for (const edge of this.edges.values()) {
      if (this.nodes.has(edge.from) && this.nodes.has(edge.to)) {
        edges.push(edge);
      } else {
        this.issue({
          severity: 'error',
          code: 'DBT_EDGE_WITHOUT_NODE',
          message: `${edge.type} edge dropped: ${edge.from} -> ${edge.to} has an end that is not a node`,
          subject: edge.from,
        });
      }
    }
    const graph: MappedGraph = { nodes: [...this.nodes.values()], edges, issues: this.issues, stats: this.stats };
    if (this.preserved.size > 0) graph.preserve = [...this.preserved.values()];
    return graph;
  }
}

/** Drops undefined, non-finite numbers and empty strings; mixed arrays become arrays of strings. */
export function cleanProps(props: Props): Props {
  const out: Props = {};
  for (const [key, value] of Object.entries(props)) {
    const clean = cleanValue(value);
    if (clean !== undefined) out[key] = clean;
  }
  return out;
}

function cleanValue(value: PropValue | undefined): PropValue | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (Array.isArray(value)) {
    const kinds = new Set(value.map((v) => typeof v));
    return kinds.size > 1 ? value.map(String) : value;
  }
  return value;
}

/** Nested values are stored as JSON strings; empty objects and arrays are left out. */
export function jsonProp(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value) && value.length === 0) return undefined;
  if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) return undefined;
  return JSON.stringify(value);
}

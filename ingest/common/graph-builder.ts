import type { GraphEdge, GraphNode, IngestIssue, MappedGraph, Props } from '../core/graph.js';

/**
 * Collects nodes and edges keyed by urn / (type, from, to) so a mapping can emit the same node or edge from several
 * places (a dataset that is both input and output, an agent named by every task) and still hand the writer one of each.
 */
export class GraphBuilder {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly edges = new Map<string, GraphEdge>();
  readonly issues: IngestIssue[] = [];
  readonly stats: Record<string, number> = {};

  node(urn: string, labels: string[], props: Props = {}, mode: 'upsert' | 'reference' = 'upsert'): string {
    const existing = this.nodes.get(urn);
    if (!existing) {
      this.nodes.set(urn, { urn, labels: [...labels], props: defined(props), mode });
      return urn;
    }
    for (const label of labels) if (!existing.labels.includes(label)) existing.labels.push(label);
    // An owned description of the node beats a mere reference to it; among equals, later values fill in.
    if (mode === 'upsert' && existing.mode === 'reference') {
      existing.mode = 'upsert';
      existing.props = { ...existing.props, ...defined(props) };
    } else if (mode === existing.mode) {
      existing.props = { ...existing.props, ...defined(props) };
    } else {
      existing.props = { ...defined(props), ...existing.props };
    }
    return urn;
  }

  reference(urn: string, labels: string[], props: Props = {}): string {
    return this.node(urn, labels, props, 'reference');
  }

  has(urn: string): boolean {
    return this.nodes.has(urn);
  }

  getNode(urn: string): GraphNode | undefined {
    return this.nodes.get(urn);
  }

  edge(type: string, from: string, to: string, props?: Props): void {
    const key = `${type}\u0000${from}\u0000${to}`;
    const existing = this.edges.get(key);
    const clean = props ? defined(props) : undefined;
    if (!existing) {
      this.edges.set(key, clean && Object.keys(clean).length > 0 ? { type, from, to, props: clean } : { type, from, to });
    } else if (clean && Object.keys(clean).length > 0) {
      existing.props = { ...(existing.props ?? {}), ...clean };
    }
  }

  issue(issue: IngestIssue): void {
    this.issues.push(issue);
  }

  count(stat: string, by = 1): void {
    this.stats[stat] = (this.stats[stat] ?? 0) + by;
  }

  build(): MappedGraph {
    return {
      nodes: [...this.nodes.values()],
      edges: [...this.edges.values()],
      issues: [...this.issues],
      stats: { ...this.stats },
    };
  }
}

function defined(props: Props): Props {
  const out: Props = {};
  for (const [key, value] of Object.entries(props)) if (value !== undefined) out[key] = value;
  return out;
}

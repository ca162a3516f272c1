import type { GraphEdge, GraphNode, IngestIssue, MappedGraph } from '../../../ingest/core/graph.js';

export function node(graph: MappedGraph, urn: string): GraphNode {
  const found = graph.nodes.find((n) => n.urn === urn);
  if (!found) throw new Error(`no node ${urn}`);
  return found;
}

export function edgesOf(graph: MappedGraph, type: string): GraphEdge[] {
  return graph.edges.filter((e) => e.type === type);
}

export function hasEdge(graph: MappedGraph, type: string, from: string, to: string): boolean {
  return graph.edges.some((e) => e.type === type && e.from === from && e.to === to);
}

export function issuesWith(graph: MappedGraph | { issues: IngestIssue[] }, code: string): IngestIssue[] {
  return graph.issues.filter((i) => i.code === code);
}

export function withLabel(graph: MappedGraph, label: string): GraphNode[] {
  return graph.nodes.filter((n) => n.labels.includes(label));
}

import type { GraphEdge, GraphNode, IngestIssue, MappedGraph } from '../../../../ingest/core/graph.js';

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

/** Contract checks every mapped graph must pass (see ingest/core/graph.ts). */
export function wellFormedProblems(graph: MappedGraph): string[] {
  const problems: string[] = [];
  const urns = new Set<string>();
  for (const n of graph.nodes) {
    if (urns.has(n.urn)) problems.push(`duplicate urn ${n.urn}`);
    urns.add(n.urn);
    for (const [key, value] of Object.entries(n.props)) {
      if (!/^[a-z][A-Za-z0-9]*$/.test(key)) problems.push(`${n.urn}: prop ${key} is not camelCase`);
      if (value === undefined || value === null) continue;
      if (Array.isArray(value)) {
        if (new Set(value.map((v) => typeof v)).size > 1) problems.push(`${n.urn}: ${key} is a mixed array`);
        if (value.some((v) => typeof v === 'object')) problems.push(`${n.urn}: ${key} holds objects`);
      } else if (typeof value === 'object') {
        problems.push(`${n.urn}: ${key} is an object`);
      }
    }
  }
  for (const e of graph.edges) {
    if (!urns.has(e.from) || !urns.has(e.to)) problems.push(`${e.type} ${e.from} -> ${e.to} has an end without node`);
  }
  return problems;
}

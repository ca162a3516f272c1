import type { GraphEdge, GraphNode, MappedGraph } from '../../../ingest/core/graph.js';

export function nodesWith(g: MappedGraph, label: string): GraphNode[] {
  return g.nodes.filter((n) => n.labels.includes(label));
}

export function node(g: MappedGraph, urn: string): GraphNode {
  const found = g.nodes.find((n) => n.urn === urn);
  if (!found) throw new Error(`no node ${urn}; have ${g.nodes.map((n) => n.urn).join(', ')}`);
  return found;
}

export function edges(g: MappedGraph, type: string, from?: string, to?: string): GraphEdge[] {
  return g.edges.filter((e) => e.type === type && (from === undefined || e.from === from) && (to === undefined || e.to === to));
}

/** Every edge end is a node of the graph (the writer MATCHes both ends). */
export function danglingEdges(g: MappedGraph): GraphEdge[] {
  const urns = new Set(g.nodes.map((n) => n.urn));
  return g.edges.filter((e) => !urns.has(e.from) || !urns.has(e.to));
}

/** Props that Neo4j cannot store: nested objects, mixed or object arrays. */
export function unstorableProps(g: MappedGraph): string[] {
  const bad: string[] = [];
  for (const n of g.nodes) {
    for (const [k, v] of Object.entries(n.props)) {
      if (v === undefined || v === null || ['string', 'number', 'boolean'].includes(typeof v)) continue;
      if (Array.isArray(v) && (v.length === 0 || v.every((x) => typeof x === typeof v[0] && typeof x !== 'object'))) continue;
      bad.push(`${n.urn}.${k}`);
    }
  }
  for (const e of g.edges) {
    for (const [k, v] of Object.entries(e.props ?? {})) {
      if (v === undefined || v === null || ['string', 'number', 'boolean'].includes(typeof v)) continue;
      if (Array.isArray(v) && v.every((x) => typeof x === typeof v[0] && typeof x !== 'object')) continue;
      bad.push(`${e.type}.${k}`);
    }
  }
  return bad;
}

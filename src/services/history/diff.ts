import { requireQueries } from '../../db/registry.js';
import { nodeType } from '../node-type.js';
import type { ServiceContext } from '../lineage/service-context.js';
import { contentFields } from './content.js';
import { namespaceScope, resolveDiffEnd, type Instant } from './instants.js';
import { nodesAt } from './graph-at.js';

const Q = requireQueries(['history/list-scope-nodes-at', 'history/list-scope-edges-at'] as const);

/** TABLE level (capsules, FLOWS_TO) and COLUMN level (columns, DERIVED_FROM). */
const NODE_LABELS = ['Capsule', 'Column'];
const EDGE_TYPES = ['FLOWS_TO', 'DERIVED_FROM'];

export interface DiffNode {
  urn: string;
  type: string;
}
export interface ChangedNode extends DiffNode {
  changedFields: string[];
}
export interface DiffEdge {
  from: string;
  to: string;
  type: string;
}

export interface LineageDiff {
  namespace: string;
  from: Instant;
  to: Instant;
  addedNodes: DiffNode[];
  removedNodes: DiffNode[];
  changedNodes: ChangedNode[];
  addedEdges: DiffEdge[];
  removedEdges: DiffEdge[];
}

export interface LineageDiffArgs {
  namespace: string;
  from: string;
  to: string;
}

/** What changed in a dbt namespace's lineage between two ingestions (or instants): nodes, content, edges. */
export async function lineageDiff(s: ServiceContext, args: LineageDiffArgs): Promise<LineageDiff> {
  const scope = namespaceScope(args.namespace);
  const [from, to] = await Promise.all([resolveDiffEnd(s, scope, args.from, 'from'), resolveDiffEnd(s, scope, args.to, 'to')]);
  const [before, after, edgesBefore, edgesAfter] = await Promise.all([
    scopeNodes(s, scope, from.at),
    scopeNodes(s, scope, to.at),
    scopeEdges(s, scope, from.at),
    scopeEdges(s, scope, to.at),
  ]);
  const addedNodes = [...after.values()].filter((n) => !before.has(n.urn)).map(diffNode);
  const removedNodes = [...before.values()].filter((n) => !after.has(n.urn)).map(diffNode);
  const differing = [...after.values()].filter((n) => before.has(n.urn) && before.get(n.urn)!.hash !== n.hash);
  const changedNodes = await changed(s, differing, from.at, to.at);
  return {
    namespace: args.namespace,
    from,
    to,
    addedNodes: addedNodes.sort(byUrn),
    removedNodes: removedNodes.sort(byUrn),
    changedNodes,
    addedEdges: [...edgesAfter].filter(([k]) => !edgesBefore.has(k)).map(([, e]) => e).sort(byEdge),
    removedEdges: [...edgesBefore].filter(([k]) => !edgesAfter.has(k)).map(([, e]) => e).sort(byEdge),
  };
}

interface StateNode {
  urn: string;
  labels: string[];
  hash: string | null;
}

async function scopeNodes(s: ServiceContext, scope: string, at: string): Promise<Map<string, StateNode>> {
  const rows = await s.exec.read(Q['history/list-scope-nodes-at'], { scope, at, labels: NODE_LABELS }, s.query);
  return new Map(rows.map((r) => [String(r.urn), { urn: String(r.urn), labels: r.labels as string[], hash: (r.hash as string | null) ?? null }]));
}

async function scopeEdges(s: ServiceContext, scope: string, at: string): Promise<Map<string, DiffEdge>> {
  const rows = await s.exec.read(Q['history/list-scope-edges-at'], { scope, at, types: EDGE_TYPES }, s.query);
  const out = new Map<string, DiffEdge>();
  for (const r of rows) {
    const e = { from: String(r.from), to: String(r.to), type: String(r.type) };
    out.set(`${e.from}\u0000${e.type}\u0000${e.to}`, e);
  }
  return out;
}

/** The content fields that differ between the two versions of each node (labels count as the field `type`). */
async function changed(s: ServiceContext, nodes: StateNode[], fromAt: string, toAt: string): Promise<ChangedNode[]> {
  if (nodes.length === 0) return [];
  const urns = nodes.map((n) => n.urn);
  const [a, b] = await Promise.all([nodesAt(s, urns, fromAt), nodesAt(s, urns, toAt)]);
  const out: ChangedNode[] = [];
  for (const n of nodes) {
    const x = a.get(n.urn);
    const y = b.get(n.urn);
    if (!x || !y) continue;
    const fx = contentFields(x.props);
    const fy = contentFields(y.props);
    const fields = [...new Set([...Object.keys(fx), ...Object.keys(fy)])].filter((k) => JSON.stringify(fx[k]) !== JSON.stringify(fy[k]));
    if (nodeType(x.labels) !== nodeType(y.labels)) fields.push('type');
    if (fields.length > 0) out.push({ urn: n.urn, type: nodeType(y.labels), changedFields: fields.sort() });
  }
  return out.sort(byUrn);
}

const diffNode = (n: StateNode): DiffNode => ({ urn: n.urn, type: nodeType(n.labels) });
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byUrn = (a: { urn: string }, b: { urn: string }) => cmp(a.urn, b.urn);
const byEdge = (a: DiffEdge, b: DiffEdge) => cmp(a.from, b.from) || cmp(a.to, b.to) || cmp(a.type, b.type);

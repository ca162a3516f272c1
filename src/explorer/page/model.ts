/** The current view: the nodes and edges the user has opened and expanded, in data-flow direction. */

export interface ViewNode {
  urn: string;
  type: string;
  name: string;
  namespace?: string | null;
  layer?: string | null;
  capsuleUrn?: string | null;
  kind?: string | null;
  status?: string | null;
  /** Lineage/provenance was cut at this node: expanding it shows more. */
  frontier?: boolean;
}

/** Edges point the way data flows: `source` is upstream of `target`. */
export interface ViewEdge {
  source: string;
  target: string;
  type: string;
}

export interface AnswerNode {
  urn: string;
  type: string;
  name?: string | null;
  namespace?: string | null;
  layer?: string | null;
  capsuleUrn?: string | null;
  kind?: string | null;
  status?: string | null;
}

export interface AnswerEdge {
  from: string;
  to: string;
  type: string;
}

/**
 * Relations stored from the dependent to what it depends on (a derived column to its source, an output to the run
 * that generated it, a run to what it used...): drawn reversed so that every arrow follows the data.
 */
const STORED_AGAINST_FLOW = new Set([
  'DERIVED_FROM',
  'DEPENDS_ON',
  'WAS_GENERATED_BY',
  'WAS_DERIVED_FROM',
  'WAS_INFORMED_BY',
  'CHILD_OF',
  'PART_OF_RUN',
  'INSTANCE_OF',
  'WAS_ASSOCIATED_WITH',
  'WAS_ATTRIBUTED_TO',
  'ACTED_ON_BEHALF_OF',
]);

export function flowEdge(e: AnswerEdge): ViewEdge {
  return STORED_AGAINST_FLOW.has(e.type) ? { source: e.to, target: e.from, type: e.type } : { source: e.from, target: e.to, type: e.type };
}

export function edgeKey(e: ViewEdge): string {
  return `${e.source}\u0000${e.type}\u0000${e.target}`;
}

/** A name for people: the node's name, else the last meaningful part of its URN. */
export function displayName(n: AnswerNode): string {
  if (n.name) return n.name;
  const tail = n.urn.split(/[#:/]/).filter(Boolean).pop();
  return tail ?? n.urn;
}

/**
 * Columns are shown with their capsule's name, so that `id` of one table is not confused with another's; dbt nodes
 * whose names repeat in the view (model versions, a source and a model both called `orders`) with their unique id.
 */
export function labelOf(n: ViewNode, repeated?: ReadonlySet<string>): string {
  if (n.type === 'Column' && n.capsuleUrn) return `${capsuleLabel(n.capsuleUrn)}.${n.name}`;
  if (repeated?.has(n.name) && n.urn.startsWith('urn:dbt:')) return capsuleLabel(n.urn) || n.name;
  return n.name;
}

/** urn:dbt:<ns>:<type>.<package>.<rest>: the rest names a capsule within its project (orders.v2, stripe.payments). */
function capsuleLabel(urn: string): string {
  if (!urn.startsWith('urn:dbt:')) return urn.split(/[.:/]/).pop() ?? urn;
  const uniqueId = urn.slice(urn.indexOf(':', 'urn:dbt:'.length) + 1);
  return uniqueId.split('.').slice(2).join('.');
}

export class ViewModel {
  readonly nodes = new Map<string, ViewNode>();
  readonly edges = new Map<string, ViewEdge>();

  clear(): void {
    this.nodes.clear();
    this.edges.clear();
  }

  /** Names that more than one node in the view carries (their labels say more). */
  repeatedNames(): Set<string> {
    const seen = new Set<string>();
    const repeated = new Set<string>();
    for (const n of this.nodes.values()) (seen.has(n.name) ? repeated : seen).add(n.name);
    return repeated;
  }

  /** Adds an answer's nodes and edges; returns the URNs that were new. */
  merge(nodes: AnswerNode[], edges: AnswerEdge[], frontier: string[] = []): string[] {
    const added: string[] = [];
    for (const n of nodes) {
      const existing = this.nodes.get(n.urn);
      if (existing) continue;
      this.nodes.set(n.urn, {
        urn: n.urn,
        type: n.type,
        name: displayName(n),
        namespace: n.namespace ?? null,
        layer: n.layer ?? null,
        capsuleUrn: n.capsuleUrn ?? null,
        kind: n.kind ?? null,
        status: n.status ?? null,
      });
      added.push(n.urn);
    }
    for (const urn of frontier) {
      const n = this.nodes.get(urn);
      if (n) n.frontier = true;
    }
    for (const e of edges) {
      const v = flowEdge(e);
      if (this.nodes.has(v.source) && this.nodes.has(v.target)) this.edges.set(edgeKey(v), v);
    }
    return added;
  }

  /** A node that was expanded is no longer a frontier. */
  expanded(urn: string): void {
    const n = this.nodes.get(urn);
    if (n) n.frontier = false;
  }
}

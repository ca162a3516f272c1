import { requireQueries } from '../../db/registry.js';
import type { Row } from '../../db/executor.js';
import type { ServiceContext } from '../lineage/service-context.js';
import type { StoredNode } from '../../db/stored-node.js';

const Q = requireQueries(['capsules/get-capsule-trees'] as const);

/**
 * Which nested lists of a capsule to read along with it (the GraphQL layer derives it from the selection set). A
 * first of 0 leaves upstream/downstream unplanned (their DataLoader answers them).
 */
export interface TreePlan {
  tags: boolean;
  tests: boolean;
  owners: boolean;
  columns: null | { tags: boolean; tests: boolean };
  upstreamFirst: number;
  downstreamFirst: number;
}

export const EMPTY_PLAN: TreePlan = { tags: false, tests: false, owners: false, columns: null, upstreamFirst: 0, downstreamFirst: 0 };

export function isEmptyPlan(p: TreePlan): boolean {
  return !p.tags && !p.tests && !p.owners && !p.columns && p.upstreamFirst === 0 && p.downstreamFirst === 0;
}

/** What a planned read fetched for one node: only the keys the plan asked for are set. */
export interface Prefetched {
  tags?: StoredNode[];
  tests?: StoredNode[];
  owners?: StoredNode[];
  columns?: CapsuleTree[];
  upstream?: { first: number; nodes: StoredNode[] };
  downstream?: { first: number; nodes: StoredNode[] };
  /** capsule(asOf): every depth-1 neighbour as it was, by urn (any `first` takes its head). */
  asOfNeighbors?: { upstream: StoredNode[]; downstream: StoredNode[] };
}

export interface CapsuleTree extends StoredNode {
  prefetched: Prefetched;
}

export function treeParams(p: TreePlan): Record<string, unknown> {
  return {
    tags: p.tags,
    tests: p.tests,
    owners: p.owners,
    columns: Boolean(p.columns),
    columnTags: Boolean(p.columns?.tags),
    columnTests: Boolean(p.columns?.tests),
    upstreamFirst: p.upstreamFirst,
    downstreamFirst: p.downstreamFirst,
  };
}

type NodeMap = { urn: string; labels: string[]; props: Record<string, unknown>; tags?: NodeMap[]; tests?: NodeMap[] };
const node = (m: NodeMap): StoredNode => ({ urn: m.urn, labels: m.labels, props: m.props });

/** One row of get-capsule-trees / list-capsule-trees-in-namespace as a node with what the plan prefetched. */
export function toTree(r: Row, p: TreePlan): CapsuleTree {
  const prefetched: Prefetched = {};
  if (p.tags) prefetched.tags = (r.tags as NodeMap[]).map(node);
  if (p.tests) prefetched.tests = (r.tests as NodeMap[]).map(node);
  if (p.owners) prefetched.owners = (r.owners as NodeMap[]).map(node);
  if (p.columns) {
    const { tags, tests } = p.columns;
    prefetched.columns = (r.columns as NodeMap[]).map((c) => {
      const nested: Prefetched = {};
      if (tags) nested.tags = c.tags!.map(node);
      if (tests) nested.tests = c.tests!.map(node);
      return { ...node(c), prefetched: nested };
    });
  }
  // More neighbours than the page: the neighbours loader chooses which (as it does without a plan).
  const up = r.upstream as NodeMap[] | undefined;
  const down = r.downstream as NodeMap[] | undefined;
  if (p.upstreamFirst > 0 && up!.length <= p.upstreamFirst) prefetched.upstream = { first: p.upstreamFirst, nodes: up!.map(node) };
  if (p.downstreamFirst > 0 && down!.length <= p.downstreamFirst) prefetched.downstream = { first: p.downstreamFirst, nodes: down!.map(node) };
  return { urn: String(r.urn), labels: r.labels as string[], props: r.props as Record<string, unknown>, prefetched };
}

/** Nodes by urn (in the order asked, absent ones left out) with their planned nested lists: one round trip. */
export async function getCapsuleTrees(s: ServiceContext, urns: string[], p: TreePlan): Promise<CapsuleTree[]> {
  if (urns.length === 0) return [];
  const rows = await s.exec.read(Q['capsules/get-capsule-trees'], { urns, ...treeParams(p) }, s.query);
  return rows.map((r) => toTree(r, p));
}

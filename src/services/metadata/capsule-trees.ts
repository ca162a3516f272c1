import { READ_MODEL_FORMAT, READ_MODEL_KEYS } from '../../db/read-models.js';
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
  /** The properties each level's selection reads (absent: every property of every level). */
  keys?: PlanKeys;
}

/**
 * Per level of the planned read, the node properties its GraphQL selection reads; null reads them all
 * (`properties(n)`). Projecting only these is what keeps a nested answer small (the peer's queries do the same).
 */
export interface PlanKeys {
  node: string[] | null;
  tags: string[] | null;
  tests: string[] | null;
  owners: string[] | null;
  columns: string[] | null;
  columnTags: string[] | null;
  columnTests: string[] | null;
  upstream: string[] | null;
  downstream: string[] | null;
}

export const ALL_KEYS: PlanKeys = {
  node: null, tags: null, tests: null, owners: null, columns: null, columnTags: null, columnTests: null, upstream: null, downstream: null,
};

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
    keys: p.keys ?? ALL_KEYS,
    useModel: modelServes(p),
    format: READ_MODEL_FORMAT,
  };
}

/**
 * Whether the capsules' read models (src/db/read-models.ts) can answer the plan's tags, tests and columns: it asks
 * for one of them, and every level it asks for reads only keys the model holds (a level reading any property, or a
 * long text like a description, is read from the graph as before). Capsules without a model are read from the graph
 * either way, in the same query.
 */
export function modelServes(p: TreePlan): boolean {
  if (!p.tags && !p.tests && !p.columns) return false;
  const k = p.keys ?? ALL_KEYS;
  const within = (asked: string[] | null, held: readonly string[]) => asked !== null && asked.every((key) => held.includes(key));
  if (p.tags && !within(k.tags, READ_MODEL_KEYS.tags)) return false;
  if (p.tests && !within(k.tests, READ_MODEL_KEYS.tests)) return false;
  if (!p.columns) return true;
  return within(k.columns, READ_MODEL_KEYS.columns) &&
    (!p.columns.tags || within(k.columnTags, READ_MODEL_KEYS.tags)) &&
    (!p.columns.tests || within(k.columnTests, READ_MODEL_KEYS.tests));
}

/** A model's levels hold the values of READ_MODEL_KEYS, in that order. */
const MODEL_KEYS: PlanKeys = {
  ...ALL_KEYS,
  tags: [...READ_MODEL_KEYS.tags],
  tests: [...READ_MODEL_KEYS.tests],
  columns: [...READ_MODEL_KEYS.columns],
  columnTags: [...READ_MODEL_KEYS.tags],
  columnTests: [...READ_MODEL_KEYS.tests],
};

interface ReadModel {
  tags: NodeTuple[];
  tests: NodeTuple[];
  columns: NodeTuple[];
}

/**
 * A nested node as the queries return it: [urn, labels, props] (columns: + tags, tests). `props` is a map
 * (properties(n)) or, when the level's keys are given, the values of those keys in order.
 */
type Props = Record<string, unknown> | unknown[];
type NodeTuple = [string, string[], Props, NodeTuple[]?, NodeTuple[]?];

function propsOf(props: Props, keys: string[] | null): Record<string, unknown> {
  if (!Array.isArray(props)) return props;
  const out: Record<string, unknown> = {};
  // Absent properties stay absent, as in properties(n).
  for (let i = 0; i < keys!.length; i++) if (props[i] !== null) out[keys![i]!] = props[i];
  return out;
}

const nodeWith = (keys: string[] | null) => (m: NodeTuple): StoredNode => ({ urn: m[0], labels: m[1], props: propsOf(m[2], keys) });

/** One row of get-capsule-trees / list-capsule-trees-in-namespace as a node with what the plan prefetched. */
export function toTree(r: Row, p: TreePlan): CapsuleTree {
  const k = p.keys ?? ALL_KEYS;
  // The capsule's read model, when the query used it: its tags, tests and columns (with more keys than asked,
  // which no resolver of the selection reads).
  const model = typeof r.model === 'string' ? (JSON.parse(r.model) as ReadModel) : null;
  const lists = model ?? (r as unknown as ReadModel);
  const mk = model ? MODEL_KEYS : k;
  const prefetched: Prefetched = {};
  if (p.tags) prefetched.tags = lists.tags.map(nodeWith(mk.tags));
  if (p.tests) prefetched.tests = lists.tests.map(nodeWith(mk.tests));
  if (p.owners) prefetched.owners = (r.owners as NodeTuple[]).map(nodeWith(k.owners));
  if (p.columns) {
    const { tags, tests } = p.columns;
    const column = nodeWith(mk.columns);
    const [tag, test] = [nodeWith(mk.columnTags), nodeWith(mk.columnTests)];
    prefetched.columns = lists.columns.map((c) => {
      const nested: Prefetched = {};
      if (tags) nested.tags = c[3]!.map(tag);
      if (tests) nested.tests = c[4]!.map(test);
      const n = column(c);
      return { urn: n.urn, labels: n.labels, props: n.props, prefetched: nested };
    });
  }
  // More neighbours than the page: the neighbours loader chooses which (as it does without a plan).
  const up = r.upstream as NodeTuple[] | undefined;
  const down = r.downstream as NodeTuple[] | undefined;
  if (p.upstreamFirst > 0 && up!.length <= p.upstreamFirst) prefetched.upstream = { first: p.upstreamFirst, nodes: up!.map(nodeWith(k.upstream)) };
  if (p.downstreamFirst > 0 && down!.length <= p.downstreamFirst) prefetched.downstream = { first: p.downstreamFirst, nodes: down!.map(nodeWith(k.downstream)) };
  return { urn: String(r.urn), labels: r.labels as string[], props: propsOf(r.props as Props, k.node), prefetched };
}

/** Nodes by urn (in the order asked, absent ones left out) with their planned nested lists: one round trip. */
export async function getCapsuleTrees(s: ServiceContext, urns: string[], p: TreePlan): Promise<CapsuleTree[]> {
  if (urns.length === 0) return [];
  const rows = await s.exec.read(Q['capsules/get-capsule-trees'], { urns, ...treeParams(p) }, s.query);
  return rows.map((r) => toTree(r, p));
}

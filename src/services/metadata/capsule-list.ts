import { requireQueries } from '../../db/registry.js';
import { badInput } from '../../errors.js';
import { LIMITS, pageSize } from '../lineage/limits.js';
import type { ServiceContext } from '../lineage/service-context.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { buildSearchQuery } from './lucene.js';
import { asUrn, domainUrn, ownerUrn, tagUrn } from './metadata-urns.js';
import { EMPTY_PLAN, getCapsuleTrees, isEmptyPlan, toTree, treeParams, type CapsuleTree, type TreePlan } from './capsule-trees.js';

const Q = requireQueries([
  'capsules/list-capsules',
  'capsules/list-capsule-trees-in-namespace',
  'capsules/count-capsules',
  'search/search-capsule-urns',
] as const);

export interface CapsuleFilter {
  namespace?: string | null;
  type?: string | null;
  package?: string | null;
  layer?: string | null;
  domain?: string | null;
  tag?: string | null;
  owner?: string | null;
  materialization?: string | null;
  hasTests?: boolean | null;
  /** Full-text: the best LIMITS.searchWindow capsule hits of helix_search are filtered. */
  text?: string | null;
}

export interface CapsulePage {
  items: Array<{ cursor: string; node: CapsuleTree }>;
  hasNextPage: boolean;
  /** Evaluated only when asked for (one more round trip). */
  totalCount: () => Promise<number>;
}

/**
 * capsules(filter, first, after): capsules in urn order, keyset-paged, every filter optional. With a namespace the
 * page comes from the namespace index together with the nested lists `plan` asks for (one round trip); without
 * one, the page and then its planned nested lists (two).
 */
export async function listCapsules(
  s: ServiceContext,
  args: { filter?: CapsuleFilter | null; first?: number | null; after?: string | null },
  plan: TreePlan = EMPTY_PLAN,
): Promise<CapsulePage> {
  const first = pageSize(args.first, 50);
  const after = args.after ? decodeCursor('capsules', args.after) : '';
  if (typeof after !== 'string') throw badInput('after is not a cursor of capsules', { argument: 'after' });
  const params = await filterParams(s, args.filter ?? {});
  let rows: CapsuleTree[];
  if (params.namespace !== null) {
    const found = await s.exec.read(Q['capsules/list-capsule-trees-in-namespace'], { ...params, ...treeParams(plan), after, first: first + 1 }, s.query);
    rows = found.map((r) => toTree(r, plan));
  } else {
    const found = await s.exec.read(Q['capsules/list-capsules'], { ...params, after, first: first + 1 }, s.query);
    const page = found.slice(0, first).map((r) => String(r.urn));
    rows = isEmptyPlan(plan)
      ? found.map((r) => toTree(r, plan))
      : [...(await getCapsuleTrees(s, page, plan)), ...found.slice(first).map((r) => toTree(r, EMPTY_PLAN))];
  }
  const items = rows.slice(0, first).map((node) => ({ cursor: encodeCursor('capsules', node.urn), node }));
  let total: Promise<number> | undefined;
  return {
    items,
    hasNextPage: rows.length > first,
    totalCount: () => (total ??= s.exec.read(Q['capsules/count-capsules'], params, s.query).then(([r]) => Number(r?.total ?? 0))),
  };
}

async function filterParams(s: ServiceContext, f: CapsuleFilter): Promise<Record<string, unknown>> {
  let urns: string[] | null = null;
  if (f.text !== undefined && f.text !== null) {
    const { lucene } = buildSearchQuery(f.text);
    const rows = await s.exec.read(Q['search/search-capsule-urns'], { lucene, window: LIMITS.searchWindow }, s.query);
    urns = rows.map((r) => String(r.urn));
  }
  return {
    urns,
    namespace: f.namespace ?? null,
    type: f.type ?? null,
    package: f.package ?? null,
    layer: f.layer ?? null,
    materialization: f.materialization ?? null,
    domain: asUrn(f.domain, domainUrn),
    tag: asUrn(f.tag, tagUrn),
    owner: asUrn(f.owner, ownerUrn),
    hasTests: f.hasTests ?? null,
  };
}

import type { GraphQLResolveInfo } from 'graphql';
import type { StoredNode } from '../../loaders/node-loader.js';
import { LIMITS, boundedInt, pageSize, requireUrn } from '../../services/lineage/limits.js';
import { serviceContext } from '../../services/lineage/service-context.js';
import type { Direction, LineageLevel } from '../../services/lineage/types.js';
import { listCapsules, type CapsuleFilter } from '../../services/metadata/capsule-list.js';
import { getCapsuleTrees, isEmptyPlan, type Prefetched } from '../../services/metadata/capsule-trees.js';
import { searchNodes, type SearchArgs } from '../../services/metadata/search.js';
import type { GraphQLContext } from '../context.js';
import { scopedCapsuleFilter, visibleTo } from '../namespace-scoping.js';
import { nodeType } from '../node-type.js';
import { pageInfo } from '../pagination.js';
import { toNodeParent, type NodeParent } from './base.js';
import { connectionNodeFields, planCapsuleSelection } from './capsule-plan.js';
import { plannedParent, prefetched } from './prefetched.js';
import { capsuleAsOf } from '../../services/history/node-history.js';
import { capsuleHistoryField } from './history.js';

const CAPSULE_TYPES = ['Model', 'Source', 'Seed', 'Snapshot', 'Exposure', 'Metric', 'SemanticModel', 'SavedQuery', 'Analysis'];

const parents = (nodes: StoredNode[]) => nodes.map(toNodeParent);
const withLabel = (label: string) => (nodes: StoredNode[]) => parents(nodes.filter((n) => n.labels.includes(label)));
const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : null);
const text = (v: unknown) => (v === undefined || v === null ? null : String(v));
const strings = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
const svc = (ctx: GraphQLContext) => serviceContext(ctx.helix, ctx.queryCtx);

/** Capsule.upstream / Column.downstream...: validated here, batched by the neighbors loader. */
function neighbors(level: LineageLevel, way: Direction) {
  return async (p: NodeParent, args: { depth?: number | null; first?: number | null }, ctx: GraphQLContext) => {
    const depth = boundedInt('depth', args.depth, 1, LIMITS.maxNestedDepth);
    const first = pageSize(args.first, LIMITS.defaultNestedFirst);
    if (first === 0) return [];
    const then = prefetched(p)?.asOfNeighbors?.[way === 'UPSTREAM' ? 'upstream' : 'downstream'];
    if (level === 'TABLE' && then && depth === 1) return then.slice(0, first).map(toNodeParent);
    const planned = prefetched(p)?.[way === 'UPSTREAM' ? 'upstream' : 'downstream'];
    if (level === 'TABLE' && planned && depth === 1 && planned.first === first) return planned.nodes.map(toNodeParent);
    const found = await ctx.loaders.neighbors.load({ urn: p.urn, level, way, depth, first });
    return found.map(toNodeParent);
  };
}

/** A nested list the planned read already fetched, else its DataLoader. */
function plannedOr(key: 'tags' | 'tests' | 'owners', loader: (ctx: GraphQLContext) => { load(urn: string): Promise<StoredNode[]> }) {
  return (p: NodeParent, _: unknown, ctx: GraphQLContext) => {
    const pre = (prefetched(p) as Prefetched | undefined)?.[key];
    return pre ? pre.map(toNodeParent) : loader(ctx).load(p.urn).then(parents);
  };
}

const nodeFields = {
  id: (p: NodeParent) => p.urn,
  type: (p: NodeParent) => nodeType(p.labels),
};

/** The resolvers every capsule type shares (each concrete type gets a copy). */
const capsuleFields = {
  ...nodeFields,
  name: (p: NodeParent) => text(p.name) ?? text(p.uniqueId) ?? p.urn,
  version: (p: NodeParent) => text(p.version),
  latestVersion: (p: NodeParent) => text(p.latestVersion),
  tagNames: (p: NodeParent) => strings(p.tags),
  meta: (p: NodeParent) => json(p.metaJson),
  columns: (p: NodeParent, _: unknown, ctx: GraphQLContext) =>
    prefetched(p)?.columns?.map(plannedParent) ?? ctx.loaders.meta.columns.load(p.urn).then(parents),
  tags: plannedOr('tags', (ctx) => ctx.loaders.meta.tags),
  owners: plannedOr('owners', (ctx) => ctx.loaders.meta.owners),
  tests: plannedOr('tests', (ctx) => ctx.loaders.meta.tests),
  domain: (p: NodeParent, _: unknown, ctx: GraphQLContext) => ctx.loaders.meta.domains.load(p.urn).then((d) => parents(d)[0] ?? null),
  dataProducts: (p: NodeParent, _: unknown, ctx: GraphQLContext) => ctx.loaders.meta.dataProducts.load(p.urn).then(parents),
  runResults: (p: NodeParent, args: { first?: number | null }, ctx: GraphQLContext) =>
    ctx.loaders.meta.results.load({ urn: p.urn, first: pageSize(args.first, 5) }).then(withLabel('RunResult')),
  upstream: neighbors('TABLE', 'UPSTREAM'),
  downstream: neighbors('TABLE', 'DOWNSTREAM'),
  history: capsuleHistoryField,
};

const capsuleTypes = Object.fromEntries(CAPSULE_TYPES.map((t) => [t, { ...capsuleFields }]));

export const capsuleResolvers = {
  Query: {
    capsule: async (_: unknown, args: { urn: string; asOf?: string | null }, ctx: GraphQLContext, info: GraphQLResolveInfo) => {
      const urn = requireUrn('urn', args.urn);
      if (args.asOf !== undefined && args.asOf !== null) {
        // The graph as it was: the capsule's own properties and its columns then (a planned parent carrying them).
        const then = await capsuleAsOf(svc(ctx), urn, args.asOf);
        if (!then || !visibleTo(ctx, then.capsule)) return null;
        const columns = then.columns.map((c) => ({ ...c, prefetched: {} }));
        const { tags, owners, tests, upstream, downstream } = then;
        return plannedParent({ ...then.capsule, prefetched: { columns, tags, owners, tests, asOfNeighbors: { upstream, downstream } } });
      }
      const plan = planCapsuleSelection(info.fieldNodes, info, ctx.principal.namespaces !== null);
      if (!isEmptyPlan(plan)) {
        const [tree] = await getCapsuleTrees(svc(ctx), [urn], plan);
        return tree?.labels.includes('Capsule') ? plannedParent(tree) : null;
      }
      // Nothing nested: the node alone, with only the properties the selection reads when the plan knows them.
      const keys = plan.keys?.node;
      const n = await (keys ? ctx.loaders.projected.load(urn, keys) : ctx.loaders.node.load(urn));
      return n?.labels.includes('Capsule') ? toNodeParent(n) : null;
    },
    column: async (_: unknown, args: { urn: string }, ctx: GraphQLContext) => {
      const n = await ctx.loaders.node.load(requireUrn('urn', args.urn));
      return n?.labels.includes('Column') ? toNodeParent(n) : null;
    },
    capsules: async (
      _: unknown,
      args: { filter?: CapsuleFilter; first?: number; after?: string },
      ctx: GraphQLContext,
      info: GraphQLResolveInfo,
    ) => {
      const filter = scopedCapsuleFilter(ctx, args.filter);
      if (filter === null) return { edges: [], nodes: [], pageInfo: pageInfo([], false, Boolean(args.after)), countTotal: async () => 0 };
      const page = await listCapsules(svc(ctx), { ...args, filter }, planCapsuleSelection(connectionNodeFields(info), info, ctx.principal.namespaces !== null));
      const edges = page.items.map((i) => ({ cursor: i.cursor, node: plannedParent(i.node) }));
      return {
        edges,
        nodes: edges.map((e) => e.node),
        pageInfo: pageInfo(edges, page.hasNextPage, Boolean(args.after)),
        countTotal: page.totalCount,
      };
    },
    search: async (_: unknown, args: SearchArgs, ctx: GraphQLContext) => {
      const page = await searchNodes(svc(ctx), args);
      const edges = page.hits.map((h) => ({ ...h, node: toNodeParent(h.node) })).filter((e) => visibleTo(ctx, e.node));
      return { edges, pageInfo: pageInfo(edges, page.hasNextPage, Boolean(args.after)) };
    },
  },
  CapsuleConnection: {
    totalCount: (c: { countTotal: () => Promise<number> }) => c.countTotal(),
  },
  Capsule: {
    __resolveType: (p: NodeParent) => CAPSULE_TYPES.find((t) => p.labels.includes(t)) ?? 'Model',
  },
  ...capsuleTypes,
  Source: { ...capsuleFields, freshness: (p: NodeParent) => json(p.freshnessJson) },
  Column: {
    ...nodeFields,
    name: (p: NodeParent) => text(p.name) ?? p.urn.split('#').pop(),
    tagNames: (p: NodeParent) => strings(p.tags),
    meta: (p: NodeParent) => json(p.metaJson),
    capsule: (p: NodeParent, _: unknown, ctx: GraphQLContext) => ctx.loaders.meta.capsuleOfColumn.load(p.urn).then((c) => parents(c)[0] ?? null),
    tags: plannedOr('tags', (ctx) => ctx.loaders.meta.tags),
    tests: plannedOr('tests', (ctx) => ctx.loaders.meta.tests),
    upstream: neighbors('COLUMN', 'UPSTREAM'),
    downstream: neighbors('COLUMN', 'DOWNSTREAM'),
  },
  Test: {
    ...nodeFields,
    name: (p: NodeParent) => text(p.name) ?? p.urn,
    tested: (p: NodeParent, _: unknown, ctx: GraphQLContext) => ctx.loaders.meta.testTargets.load(p.urn).then(parents),
    results: (p: NodeParent, args: { first?: number | null }, ctx: GraphQLContext) =>
      ctx.loaders.meta.results.load({ urn: p.urn, first: pageSize(args.first, 5) }).then(withLabel('TestResult')),
  },
  TestResult: {
    ...nodeFields,
    test: (p: NodeParent, _: unknown, ctx: GraphQLContext) => ctx.loaders.meta.resultSubjects.load(p.urn).then((s) => withLabel('Test')(s)[0] ?? null),
    invocation: (p: NodeParent, _: unknown, ctx: GraphQLContext) => ctx.loaders.meta.invocations.load(p.urn).then((s) => parents(s)[0] ?? null),
  },
  RunResult: {
    ...nodeFields,
    capsule: (p: NodeParent, _: unknown, ctx: GraphQLContext) => ctx.loaders.meta.resultSubjects.load(p.urn).then((s) => withLabel('Capsule')(s)[0] ?? null),
    invocation: (p: NodeParent, _: unknown, ctx: GraphQLContext) => ctx.loaders.meta.invocations.load(p.urn).then((s) => parents(s)[0] ?? null),
  },
  Invocation: {
    ...nodeFields,
    invocationId: (p: NodeParent) => text(p.invocationId) ?? p.urn.split(':').pop(),
  },
};

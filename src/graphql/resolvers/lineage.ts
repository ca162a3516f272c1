import type { GraphQLResolveInfo } from 'graphql';
import { selectedFieldNames } from './capsule-plan.js';
import { getImpact, type ImpactArgs, type ImpactReport } from '../../services/lineage/impact.js';
import { pageSize } from '../../services/lineage/limits.js';
import { lineageAsOf } from '../../services/history/lineage-at.js';
import { getLineage, type LineageArgs } from '../../services/lineage/lineage-service.js';
import { findLineagePaths, type PathArgs } from '../../services/lineage/paths.js';
import { serviceContext } from '../../services/lineage/service-context.js';
import type { LineageNodeView } from '../../services/lineage/types.js';
import { decodeOffset, encodeCursor } from '../../services/metadata/cursor.js';
import type { GraphQLContext } from '../context.js';
import { assertVisibleEnds, impactScope, scopeLineageGraph, visiblePaths } from '../namespace-scoping.js';
import { nodeType } from '../node-type.js';
import { toNodeParent } from './base.js';
import { pageInfo } from '../pagination.js';

const svc = (ctx: GraphQLContext) => serviceContext(ctx.helix, ctx.queryCtx);

export const lineageResolvers = {
  Query: {
    lineage: (_: unknown, args: LineageArgs & { asOf?: string | null }, ctx: GraphQLContext, info: GraphQLResolveInfo) => {
      const scoped = ctx.principal.namespaces !== null;
      if (args.asOf !== undefined && args.asOf !== null) {
        const then = lineageAsOf(svc(ctx), { ...args, asOf: args.asOf });
        return scoped ? then.then((g) => scopeLineageGraph(ctx, g)) : then;
      }
      const asked = selectedFieldNames(info);
      const needsFrontier = asked.has('truncatedFrontier') || asked.has('truncated') || scoped;
      const graph = getLineage(svc(ctx), args, { edges: asked.has('edges') || needsFrontier, frontier: needsFrontier });
      return scoped ? graph.then((g) => scopeLineageGraph(ctx, g)) : graph;
    },
    impact: (_: unknown, args: ImpactArgs, ctx: GraphQLContext) => getImpact(svc(ctx), args, impactScope(ctx)),
    lineagePath: async (_: unknown, args: PathArgs, ctx: GraphQLContext) => {
      await assertVisibleEnds(ctx, args);
      return visiblePaths(ctx, await findLineagePaths(svc(ctx), args));
    },
  },
  LineageNode: {
    id: (n: LineageNodeView) => n.urn,
    type: (n: LineageNodeView) => nodeType(n.labels),
    node: async (n: LineageNodeView, _: unknown, ctx: GraphQLContext) => {
      const found = await ctx.loaders.node.load(n.urn);
      return found ? toNodeParent(found) : null;
    },
  },
  ImpactReport: {
    affected: (r: ImpactReport, args: { first?: number | null; after?: string | null }) => {
      const first = pageSize(args.first, 50);
      const offset = decodeOffset('impact', args.after);
      const edges = r.nodes.slice(offset, offset + first).map((node, i) => ({ cursor: encodeCursor('impact', offset + i), node }));
      return {
        totalCount: r.nodes.length,
        edges,
        nodes: edges.map((e) => e.node),
        pageInfo: pageInfo(edges, offset + first < r.nodes.length, offset > 0),
      };
    },
  },
};

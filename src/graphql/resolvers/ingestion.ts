import type { StartIngestionRequest } from '../../services/ingestion/ingestion-jobs.js';
import { listIncompleteScopes, listIngestions, type IngestionFilter } from '../../services/ingestion/list-ingestions.js';
import type { GraphQLContext } from '../context.js';
import { toNodeParent } from './base.js';
import { pageInfo } from '../pagination.js';

export const ingestionResolvers = {
  Query: {
    ingestions: async (_: unknown, args: { filter?: IngestionFilter | null; first?: number | null; after?: string | null }, ctx: GraphQLContext) => {
      const { page, hasNextPage } = await listIngestions(ctx.helix.exec, args, ctx.queryCtx);
      const nodes = await ctx.loaders.node.loadMany(page.map((p) => p.urn));
      const edges = page.flatMap((p, i) => {
        const n = nodes[i];
        return n && !(n instanceof Error) ? [{ cursor: p.cursor, node: toNodeParent(n) }] : [];
      });
      return { edges, nodes: edges.map((e) => e.node), pageInfo: pageInfo(edges, hasNextPage, Boolean(args.after)) };
    },
    incompleteScopes: (_: unknown, __: unknown, ctx: GraphQLContext) => listIncompleteScopes(ctx.helix.exec, ctx.queryCtx),
  },
  Mutation: {
    startIngestion: async (_: unknown, { input }: { input: StartIngestionRequest }, ctx: GraphQLContext) => {
      const { urn } = await ctx.helix.ingestionJobs.start(input);
      const node = await ctx.loaders.node.load(urn);
      return node ? toNodeParent(node) : { urn, labels: ['Ingestion'], kind: input.kind, status: 'queued' };
    },
    cancelIngestion: async (_: unknown, { id }: { id: string }, ctx: GraphQLContext) => {
      const done = await ctx.helix.ingestionJobs.cancel(id);
      if (!done) return null;
      ctx.loaders.node.clear(done.urn);
      const node = await ctx.loaders.node.load(done.urn);
      return node ? toNodeParent(node) : null;
    },
  },
};

import type { StartIngestionRequest } from '../../services/ingestion/ingestion-jobs.js';
import { listIncompleteScopes, listIngestions, type IngestionFilter } from '../../services/ingestion/list-ingestions.js';
import { ingestionScopeNamespace } from '../../auth/visibility.js';
import { asIngestionUrn } from '../../../ingest/common/urns.js';
import type { GraphQLContext } from '../context.js';
import { assertMayIngest, seesIngestionScope, visibleTo } from '../namespace-scoping.js';
import { toNodeParent } from './base.js';
import { pageInfo } from '../pagination.js';

export const ingestionResolvers = {
  Query: {
    ingestions: async (_: unknown, args: { filter?: IngestionFilter | null; first?: number | null; after?: string | null }, ctx: GraphQLContext) => {
      const { page, hasNextPage } = await listIngestions(ctx.helix.exec, args, ctx.queryCtx, ctx.principal.namespaces);
      const nodes = await ctx.loaders.node.loadMany(page.map((p) => p.urn));
      const edges = page.flatMap((p, i) => {
        const n = nodes[i];
        return n && !(n instanceof Error) ? [{ cursor: p.cursor, node: toNodeParent(n) }] : [];
      });
      return { edges, nodes: edges.map((e) => e.node), pageInfo: pageInfo(edges, hasNextPage, Boolean(args.after)) };
    },
    incompleteScopes: async (_: unknown, __: unknown, ctx: GraphQLContext) =>
      (await listIncompleteScopes(ctx.helix.exec, ctx.queryCtx)).filter((s) => seesIngestionScope(ctx, ingestionScopeNamespace(s.scope))),
  },
  Mutation: {
    startIngestion: async (_: unknown, { input }: { input: StartIngestionRequest }, ctx: GraphQLContext) => {
      await assertMayIngest(ctx, input, input.resume ? asIngestionUrn(input.resume) : null);
      const { urn } = await ctx.helix.ingestionJobs.start(input);
      const node = await ctx.loaders.node.load(urn);
      return node ? toNodeParent(node) : { urn, labels: ['Ingestion'], kind: input.kind, status: 'queued' };
    },
    cancelIngestion: async (_: unknown, { id }: { id: string }, ctx: GraphQLContext) => {
      if (ctx.principal.namespaces !== null) {
        // An ingestion the key may not see is as unknown as a missing one: null, and nothing is cancelled.
        const n = await ctx.loaders.node.load(asIngestionUrn(id));
        if (!n || !visibleTo(ctx, toNodeParent(n))) return null;
      }
      const done = await ctx.helix.ingestionJobs.cancel(id);
      if (!done) return null;
      ctx.loaders.node.clear(done.urn);
      const node = await ctx.loaders.node.load(done.urn);
      return node ? toNodeParent(node) : null;
    },
  },
};

import { piiLoaderFor } from '../../loaders/pii-loader.js';
import { serviceContext } from '../../services/lineage/service-context.js';
import { PII_CATEGORIES } from '../../services/conformance/pii/categories.js';
import { listPiiInventory, toFinding, type PiiFilter, type StoredFinding } from '../../services/conformance/pii/pii-inventory.js';
import type { GraphQLContext } from '../context.js';
import { emptyConnection, scopedCapsuleFilter } from '../namespace-scoping.js';
import { toNodeParent, type NodeParent } from './base.js';
import { pageInfo } from '../pagination.js';

type FindingParent = StoredFinding & { columnNode?: NodeParent };

export const piiResolvers = {
  // GraphQL enum values are upper case; stored categories are lower case (birth_date).
  PiiCategory: Object.fromEntries(PII_CATEGORIES.map((c) => [c.toUpperCase(), c])),
  Query: {
    piiInventory: async (_: unknown, args: { filter?: PiiFilter; first?: number; after?: string }, ctx: GraphQLContext) => {
      const filter = scopedCapsuleFilter(ctx, args.filter);
      if (filter === null) return emptyConnection(args.after);
      const page = await listPiiInventory(serviceContext(ctx.helix, ctx.queryCtx), { ...args, filter });
      const edges = page.items.map((i) => ({ cursor: i.cursor, node: { ...i.finding, columnNode: toNodeParent(i.column) } }));
      return { edges, nodes: edges.map((e) => e.node), pageInfo: pageInfo(edges, page.hasNextPage, Boolean(args.after)), countTotal: page.totalCount };
    },
  },
  PiiColumnConnection: {
    totalCount: (c: { countTotal: () => Promise<number> }) => c.countTotal(),
  },
  PiiFinding: {
    id: (f: FindingParent) => f.urn,
    column: async (f: FindingParent, _: unknown, ctx: GraphQLContext) => {
      if (f.columnNode) return f.columnNode;
      const n = await ctx.loaders.node.load(f.column);
      return n ? toNodeParent(n) : { urn: f.column, labels: ['Column'] };
    },
  },
  Column: {
    pii: async (p: NodeParent, _: unknown, ctx: GraphQLContext) =>
      (await piiLoaderFor(ctx.helix.exec, ctx.queryCtx).load(p.urn)).map(toFinding),
  },
};

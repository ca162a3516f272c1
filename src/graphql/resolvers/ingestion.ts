import type { StartIngestionRequest } from '../../services/ingestion/ingestion-jobs.js';
import type { GraphQLContext } from '../context.js';
import { toNodeParent } from './base.js';

export const ingestionResolvers = {
  Mutation: {
    startIngestion: async (_: unknown, { input }: { input: StartIngestionRequest }, ctx: GraphQLContext) => {
      const { urn } = await ctx.helix.ingestionJobs.start(input);
      const node = await ctx.loaders.node.load(urn);
      return node ? toNodeParent(node) : { urn, labels: ['Ingestion'], kind: input.kind, status: 'queued' };
    },
  },
};

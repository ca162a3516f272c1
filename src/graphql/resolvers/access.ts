import { createApiKey, listApiKeys, revokeApiKey, type ApiKeyInfo } from '../../auth/api-keys.js';
import { announceKeyRevocation, UNANNOUNCED_REVOCATION } from '../../auth/key-cache.js';
import { listAuditEvents, type AuditFilter } from '../../auth/audit.js';
import type { GraphQLContext } from '../context.js';
import { pageInfo } from '../pagination.js';

/** API keys and the audit trail (admin only: src/graphql/root-field-rules.ts). */
const apiKey = (k: ApiKeyInfo) => ({
  id: k.id,
  name: k.name,
  role: k.role,
  namespaces: k.namespaces,
  created: k.createdAt,
  createdBy: k.createdBy,
  lastUsed: k.lastUsedAt,
  expires: k.expiresAt,
  revoked: k.revokedAt,
});

export const accessResolvers = {
  Query: {
    apiKeys: async (_: unknown, __: unknown, ctx: GraphQLContext) => (await listApiKeys(ctx.helix.exec, ctx.queryCtx)).map(apiKey),
    auditEvents: async (_: unknown, args: { filter?: AuditFilter; first?: number; after?: string }, ctx: GraphQLContext) => {
      const page = await listAuditEvents(ctx.helix.exec, args, ctx.queryCtx);
      const edges = page.events.map((e) => ({ cursor: e.cursor, node: e }));
      return { edges, nodes: page.events, pageInfo: pageInfo(edges, page.hasNextPage, Boolean(args.after)) };
    },
  },
  Mutation: {
    createApiKey: async (
      _: unknown,
      { input }: { input: { role: string; namespaces?: string[] | null; name?: string | null; expires?: string | null } },
      ctx: GraphQLContext,
    ) => {
      const created = await createApiKey(ctx.helix.exec, { ...input, createdBy: ctx.principal.id }, ctx.queryCtx);
      return { id: created.id, key: created.key, apiKey: apiKey(created.info) };
    },
    revokeApiKey: async (_: unknown, { id }: { id: string }, ctx: GraphQLContext) => {
      await revokeApiKey(ctx.helix.exec, id, ctx.principal.id, ctx.queryCtx);
      // Without Redis this process is the only one, and its own remembered keys follow the local epoch.
      if (!(await announceKeyRevocation(ctx.helix.cache)) && ctx.helix.cache.kind === 'redis') ctx.helix.logger.warn({ keyId: id }, UNANNOUNCED_REVOCATION);
      const k = (await listApiKeys(ctx.helix.exec, ctx.queryCtx)).find((x) => x.id === id);
      return apiKey(k!);
    },
  },
};

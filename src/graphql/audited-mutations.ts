import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import { recordAudit } from '../auth/audit.js';
import { HelixError } from '../errors.js';
import type { GraphQLContext } from './context.js';

/** Argument and result keys whose string values name what a mutation touched. */
const TARGET_KEYS = new Set(['urn', 'urns', 'id', 'ids', 'capsules', 'subjectUrn']);

/**
 * Every Mutation field records an :AuditEvent when it ends (docs/security.md): who (the caller's key id, `token`,
 * `oidc:<subject>`), the mutation, the urns in its arguments and answer, ok or the error code, the request id, and
 * its arguments (mutations take no secrets; a created key's secret is in the answer, which is not recorded).
 * Applied last, around the namespace checks, so a mutation refused as NOT_FOUND is recorded too; mutations refused
 * before they run (role, scope) never reach a resolver: the access plugin records those.
 */
export function withMutationAudit(schema: GraphQLSchema): GraphQLSchema {
  const fields = schema.getMutationType()?.getFields() ?? {};
  for (const [name, field] of Object.entries(fields)) {
    const resolver = field.resolve as GraphQLFieldResolver<unknown, GraphQLContext> | undefined;
    if (!resolver) continue;
    field.resolve = async (parent, args, ctx: GraphQLContext, info) => {
      let outcome = 'ok';
      let result: unknown;
      try {
        result = await resolver(parent, args, ctx, info);
        return result;
      } catch (error) {
        outcome = `error: ${error instanceof HelixError ? error.code : 'INTERNAL'}`;
        throw error;
      } finally {
        await recordAudit(
          ctx.helix.exec,
          { actor: ctx.principal.id, action: name, targets: targetsOf([args, result]), outcome, requestId: ctx.requestId, details: args as Record<string, unknown> },
          { requestId: ctx.requestId },
        ).catch((err: unknown) => ctx.helix.logger.error({ err, requestId: ctx.requestId, action: name }, 'audit event not recorded'));
      }
    };
  }
  return schema;
}

/** Urns named by a mutation's arguments and answer (bounded walk). */
export function targetsOf(value: unknown, out = new Set<string>(), depth = 0): string[] {
  if (depth > 4 || value === null || value === undefined) return [...out];
  if (Array.isArray(value)) for (const v of value.slice(0, 1000)) targetsOf(v, out, depth + 1);
  else if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (typeof v === 'string') {
        if (TARGET_KEYS.has(k) || v.startsWith('urn:')) out.add(v);
      } else if (Array.isArray(v) && TARGET_KEYS.has(k)) {
        for (const s of v) if (typeof s === 'string') out.add(s);
      } else if (typeof v === 'object') targetsOf(v, out, depth + 1);
    }
  }
  return [...out];
}

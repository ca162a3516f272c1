import type { IncomingMessage } from 'node:http';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { HelixContext } from '../../app/context.js';
import { OPEN_PRINCIPAL } from '../../auth/principal.js';
import { rateKey, rateLimiters, retryAfterSeconds, spend } from '../../auth/rate-limits.js';
import type { GraphQLContext } from '../context.js';
import { expensiveRootFields } from '../expensive-operations.js';

/**
 * The lower budget of expensive operations (src/graphql/expensive-operations.ts), spent by the caller's key, one
 * point per expensive root field, after the access check and before any cached answer. Over budget: HTTP 429 with
 * Retry-After and RATE_LIMITED (Yoga has read the body already). Only requests that came through the HTTP server
 * are counted, like the request budget; in-process callers are not.
 */
export function expensiveRateLimit(helix: Pick<HelixContext, 'config' | 'cache'>): Plugin<GraphQLContext> {
  const { expensive } = rateLimiters(helix);
  const depth = helix.config.HELIX_RATE_LIMIT_DEEP_LINEAGE_DEPTH;
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const ctx = args.contextValue as Partial<GraphQLContext> & { req?: IncomingMessage };
      if (!ctx.req) return;
      const fields = expensiveRootFields(args.document, args.operationName, args.variableValues as Record<string, unknown> | undefined, depth);
      if (fields.length === 0) return;
      const wait = await spend(expensive, rateKey(ctx.principal ?? OPEN_PRINCIPAL, ctx.req.socket.remoteAddress), fields.length);
      if (wait === undefined) return;
      const seconds = retryAfterSeconds(wait);
      setResultAndStopExecution({
        errors: [
          createGraphQLError(`Too many expensive operations (${[...new Set(fields)].join(', ')}): at most HELIX_RATE_LIMIT_EXPENSIVE_PER_MINUTE a minute; retry in ${seconds} s.`, {
            extensions: { code: 'RATE_LIMITED', http: { status: 429, headers: { 'retry-after': String(seconds) } } },
          }),
        ],
      });
    },
  };
}

import type { IncomingMessage } from 'node:http';
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { ExecutionArgs, ExecutionResult } from 'graphql';
import type { HelixContext } from '../app/context.js';
import { graphqlDuration, operationLabel } from '../observability/metrics.js';
import { createGraphQLContext, type GraphQLContext } from './context.js';
import { closedErrorCodes } from './plugins/error-codes.js';
import { disableIntrospection, hideSuggestions } from './plugins/schema-disclosure.js';
import { exposes } from '../config/load.js';
import { maskError } from './mask-error.js';
import { accessControl } from './plugins/access-control.js';
import { requestPrincipal, requestRecheck } from '../auth/request-principal.js';
import { lineageCostLimit } from './plugins/lineage-cost.js';
import { expensiveRateLimit } from './plugins/expensive-rate-limit.js';
import { persistedOperations } from './plugins/persisted-operations.js';
import { loadPersistedOperations } from '../config/persisted-operations.js';
import { lineageResponseCache } from './plugins/lineage-response-cache.js';
import { incompleteScopesNotice } from './plugins/incomplete-scopes.js';
import { listIncompleteScopes } from '../services/ingestion/list-ingestions.js';
import type { Principal } from '../auth/principal.js';
import { buildSchema } from './schema.js';
import { renderLocalGraphiQL } from '../http/graphiql/graphiql-page.js';
import { BOOKMARK_HEADER, bookmarkHeader, bookmarksFrom } from './bookmarks.js';

export type HelixYoga = YogaServerInstance<{ requestId?: string; req?: IncomingMessage }, GraphQLContext>;

/** GraphQL over HTTP at /graphql with GraphiQL, depth/cost limits and the closed error-code contract. */
export function createHelixYoga(helix: HelixContext): HelixYoga {
  const armor = new EnvelopArmor({
    maxDepth: { n: helix.config.HELIX_MAX_QUERY_DEPTH, ignoreIntrospection: true },
    // One cost model: the lineage cost limit below (argument-aware: depth, limit, first, parents) prices every field;
    // armor's shape-only cost under the same HELIX_MAX_QUERY_COST would only count the same query a second way.
    costLimit: { enabled: false },
    maxAliases: { n: 30 },
    maxDirectives: { n: 30 },
    maxTokens: { n: 5000 },
  });
  const schema = buildSchema();
  const persisted = helix.config.HELIX_PERSISTED_OPERATIONS ? loadPersistedOperations(helix.config.HELIX_PERSISTED_OPERATIONS) : undefined;
  const batchLimit = helix.config.HELIX_GRAPHQL_BATCH_LIMIT;
  return createYoga<{ requestId?: string; req?: IncomingMessage }, GraphQLContext>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: exposes(helix.config, helix.config.HELIX_GRAPHIQL) ? { title: 'Helix GraphQL' } : false,
    // GraphiQL's assets come from this server, never from a CDN: it must work without internet.
    renderGraphiQL: renderLocalGraphiQL,
    landingPage: false,
    // CORS is the HTTP server's (HELIX_CORS_ORIGINS): Yoga's default would echo any Origin back on /graphql answers.
    cors: false,
    // A batch (JSON array) multiplies one request's work: off unless HELIX_GRAPHQL_BATCH_LIMIT allows it, and bounded.
    batching: batchLimit > 0 ? { limit: batchLimit } : false,
    logging: false,
    // The HTTP server bounds every /graphql body before Yoga sees it (HELIX_MAX_BODY_BYTES, Content-Length required
    // for POST): Yoga's second limit streamed each body through a byte-counting transform for nothing.
    maxRequestBodySize: false,
    maskedErrors: {
      maskError: (error) => maskError(error, (e) => helix.logger.error({ err: e }, 'graphql internal error')),
    },
    context: ({ requestId, request, req }) => {
      const ctx = createGraphQLContext(helix, requestId ?? (req && requestIds.get(req)) ?? 'unknown', bookmarksFrom(request.headers.get(BOOKMARK_HEADER)), requestPrincipal(req), requestRecheck(req));
      writtenBy.set(request, ctx.queryCtx.writtenBookmarks);
      principalBy.set(request, ctx.principal);
      return ctx;
    },
    plugins: [
      ...(persisted ? persistedOperations(persisted, helix.config.HELIX_PERSISTED_OPERATIONS_ONLY) : []),
      ...armor.protect().plugins,
      operationTimer(),
      bookmarkResponse(),
      accessControl(schema),
      lineageCostLimit(helix.config.HELIX_MAX_QUERY_COST),
      expensiveRateLimit(helix),
      lineageResponseCache(helix),
      incompleteScopesNotice(() => listIncompleteScopes(helix.exec, { op: 'incomplete scopes' }), (request) => principalBy.get(request)),
      closedErrorCodes(),
      ...(exposes(helix.config, helix.config.HELIX_INTROSPECTION) ? [] : [disableIntrospection()]),
      ...(exposes(helix.config, helix.config.HELIX_FIELD_SUGGESTIONS) ? [] : [hideSuggestions()]),
    ],
  });
}

/**
 * The request id the HTTP server gave each request (passed beside the request rather than as a server context of
 * yoga.handle, which whatwg-node would copy property by property on every request).
 */
export const requestIds = new WeakMap<IncomingMessage, string>();

/** Who asked (its GraphQL context's principal), for the incomplete-scopes mark of its answer. */
const principalBy = new WeakMap<Request, Principal>();

/** The writes of each request (its GraphQL context's), for the `helix-bookmark` response header. */
const writtenBy = new WeakMap<Request, Set<string>>();

/** A mutation's answer carries the bookmarks of its writes (read-your-writes, src/graphql/bookmarks.ts). */
function bookmarkResponse(): Plugin {
  return {
    onResponse({ request, response }) {
      const written = writtenBy.get(request);
      const value = written ? bookmarkHeader(written) : undefined;
      if (value) response.headers.set(BOOKMARK_HEADER, value);
    },
  };
}

/** Prometheus timing of every GraphQL operation. */
function operationTimer(): Plugin {
  return {
        onExecute({ args }: { args: ExecutionArgs }) {
          const started = performance.now();
          const op = operationLabel(args.operationName);
          const type = args.document.definitions.find((d) => d.kind === 'OperationDefinition');
          return {
            onExecuteDone({ result }: { result: ExecutionResult | AsyncIterable<unknown> }) {
              const outcome = 'errors' in result && result.errors?.length ? 'error' : 'ok';
              graphqlDuration.observe(
                { operation: op, type: type && 'operation' in type ? type.operation : 'unknown', outcome },
                (performance.now() - started) / 1000,
              );
            },
          };
        },
  };
}

import { GraphQLError } from 'graphql';
import { HelixError, type ErrorCode } from '../errors.js';
import { closedErrorCode } from './error-codes.js';

/**
 * Every error leaves with a code of the closed ErrorCode enum. HelixErrors keep their message; GraphQL's own
 * validation/parse errors are the client's (BAD_USER_INPUT); cost/depth limits are QUERY_TOO_COMPLEX; anything
 * else is masked as INTERNAL so no internals leak.
 */
export function maskError(error: unknown, logError: (e: unknown) => void): GraphQLError {
  const gql = isGraphQLError(error) ? error : undefined;
  const original = gql?.originalError ?? (gql ? undefined : error);
  if (original instanceof HelixError) return withCode(gql, original.message, clientCode(original.code), original.details);
  // An error graphql itself raised (validation, a limit) is the client's.
  // (Its HTTP status and headers too, such as a rate limit's 429 and Retry-After: Yoga answers with them.)
  if (gql && !original) return withCode(gql, gql.message, closedErrorCode(gql.extensions?.code, gql.message, 'BAD_USER_INPUT'), undefined, gql.extensions?.http);
  if (isGraphQLError(original) && !original.originalError) {
    return withCode(gql, original.message, 'BAD_USER_INPUT');
  }
  logError(original ?? error);
  return withCode(gql, 'Unexpected error.', 'INTERNAL');
}

/** Errors that describe our configuration or database internals are not the client's business. */
function clientCode(code: ErrorCode): ErrorCode {
  return code === 'CONFIG_INVALID' || code === 'CONFIG_UNSAFE' || code === 'INGESTION_FAILED' ? 'INTERNAL' : code;
}

function withCode(
  base: GraphQLError | undefined,
  message: string,
  code: ErrorCode,
  details?: Record<string, unknown>,
  http?: unknown,
): GraphQLError {
  const safeMessage = code === 'DATABASE_ERROR' ? 'The graph database could not answer this request.' : message;
  return new GraphQLError(safeMessage, {
    nodes: base?.nodes,
    source: base?.source,
    positions: base?.positions,
    path: base?.path,
    extensions: { code, ...(details && code === 'BAD_USER_INPUT' ? { details } : {}), ...(http ? { http } : {}) },
  });
}

/** By shape as well as by class: graphql can be loaded twice (ESM and CJS copies) in one process. */
function isGraphQLError(e: unknown): e is GraphQLError {
  return e instanceof GraphQLError || (e instanceof Error && e.name === 'GraphQLError' && 'extensions' in e);
}

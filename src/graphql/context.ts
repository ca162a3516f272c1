import type { HelixContext } from '../app/context.js';
import { OPEN_PRINCIPAL, type Principal } from '../auth/principal.js';
import type { QueryContext } from '../db/executor.js';
import type { Loaders } from '../loaders/index.js';
import { createLoaders } from '../loaders/index.js';

export interface GraphQLContext {
  helix: HelixContext;
  requestId: string;
  /** Cypher round trips of this request (tests assert batching with it). */
  queryCtx: QueryContext & { counter: { queries: number }; writtenBookmarks: Set<string> };
  loaders: Loaders;
  /** Who asks (src/auth): root fields are checked against their role and scope, answers cut to its namespaces. */
  principal: Principal;
  /**
   * Whether the request's credential is still good (not revoked, not expired): asked again and again by open
   * subscriptions; absent when nothing could revoke it (auth off, the deployment token, in-process callers).
   */
  stillAuthenticated?: () => Promise<boolean>;
}

/**
 * `bookmarks`: what the client sent back in `helix-bookmark` (read-your-writes in a cluster, src/graphql/bookmarks.ts);
 * `principal`: who asks (src/auth), as the HTTP server authenticated it.
 */
export function createGraphQLContext(
  helix: HelixContext,
  requestId: string,
  bookmarks?: string[],
  principal: Principal = OPEN_PRINCIPAL,
  stillAuthenticated?: () => Promise<boolean>,
): GraphQLContext {
  const queryCtx = { requestId, op: 'graphql', counter: { queries: 0 }, bookmarks, writtenBookmarks: new Set<string>() };
  return { helix, requestId, queryCtx, loaders: createLoaders(helix.exec, queryCtx), principal, ...(stillAuthenticated ? { stillAuthenticated } : {}) };
}

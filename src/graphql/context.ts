import type { HelixContext } from '../app/context.js';
import type { QueryContext } from '../db/executor.js';
import type { Loaders } from '../loaders/index.js';
import { createLoaders } from '../loaders/index.js';

export interface GraphQLContext {
  helix: HelixContext;
  requestId: string;
  /** Cypher round trips of this request (tests assert batching with it). */
  queryCtx: QueryContext & { counter: { queries: number }; writtenBookmarks: Set<string> };
  loaders: Loaders;
}

/** `bookmarks`: what the client sent back in `helix-bookmark` (read-your-writes in a cluster, src/graphql/bookmarks.ts). */
export function createGraphQLContext(helix: HelixContext, requestId: string, bookmarks?: string[]): GraphQLContext {
  const queryCtx = { requestId, op: 'graphql', counter: { queries: 0 }, bookmarks, writtenBookmarks: new Set<string>() };
  return { helix, requestId, queryCtx, loaders: createLoaders(helix.exec, queryCtx) };
}

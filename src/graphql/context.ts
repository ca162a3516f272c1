import type { HelixContext } from '../app/context.js';
import { OPEN_PRINCIPAL, type Principal } from '../auth/principal.js';
import type { QueryContext } from '../db/executor.js';
import type { Loaders } from '../loaders/index.js';
import { createLoaders } from '../loaders/index.js';

export interface GraphQLContext {
  helix: HelixContext;
  requestId: string;
  /** Cypher round trips of this request (tests assert batching with it). */
  queryCtx: QueryContext & { counter: { queries: number } };
  loaders: Loaders;
  /** Who asks (src/auth): root fields are checked against their role and scope, answers cut to its namespaces. */
  principal: Principal;
}

export function createGraphQLContext(helix: HelixContext, requestId: string, principal: Principal = OPEN_PRINCIPAL): GraphQLContext {
  const queryCtx = { requestId, op: 'graphql', counter: { queries: 0 } };
  return { helix, requestId, queryCtx, loaders: createLoaders(helix.exec, queryCtx), principal };
}

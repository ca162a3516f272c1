import type { HelixContext } from '../../app/context.js';
import type { Cache } from '../../cache/cache.js';
import type { Executor, QueryContext } from '../../db/executor.js';

/** What a service needs to answer one request: the executor, the result cache, and who is asking. */
export interface ServiceContext {
  exec: Executor;
  cache: Cache;
  cacheTtlSeconds: number;
  /** False with HELIX_CACHE=off: results are always computed. */
  cacheEnabled?: boolean;
  query: QueryContext;
}

export function serviceContext(helix: Pick<HelixContext, 'exec' | 'cache' | 'config'>, query: QueryContext): ServiceContext {
  return { exec: helix.exec, cache: helix.cache, cacheTtlSeconds: helix.config.HELIX_CACHE_TTL_SECONDS, cacheEnabled: helix.config.HELIX_CACHE !== 'off', query };
}

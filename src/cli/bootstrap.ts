import type { HelixGraph, OpenOptions } from '../app/open-graph.js';
import type { Cache } from '../cache/cache.js';
import { HelixError } from '../errors.js';

export interface CliOpenOptions extends OpenOptions {
  /** The shared response cache (Redis when REDIS_URL is set): only for commands that read through services' caches. */
  cache?: boolean;
  /** Relay this run's events (ingestion progress) through Redis, so a running server's subscribers see them. */
  events?: boolean;
  /** A long-running process (helix worker): the server's whole context (event relay, reaper, cache invalidation). */
  server?: boolean;
}

/** What a CLI command gets: the graph, and a cache (a private in-memory one unless the command asked for the shared one). */
export interface CliHelix extends HelixGraph {
  cache: Cache;
}

/**
 * Opens what one CLI command needs (the graph; the shared cache and the event relay only when asked), runs it, closes
 * what it opened; errors become one clear line and exit 2. The server's context (job runners, relay, cache) is not
 * built for a CLI run. The driver and schema are imported here, when a command needs them, so that `--help` and
 * `--version` stay instant.
 */
export async function withHelix<T>(o: CliOpenOptions, fn: (helix: CliHelix) => Promise<T>): Promise<T> {
  const [{ openGraph }, { loadConfig }, { createLogger }, { createCache }] = await Promise.all([
    import('../app/open-graph.js'),
    import('../config/load.js'),
    import('../observability/logger.js'),
    import('../cache/create-cache.js'),
  ]);
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  if (o.server) {
    const { openHelix } = await import('../app/context.js');
    const helix = await openHelix(config, logger, { log: (m) => process.stderr.write(`${m}\n`), ...o });
    try {
      return await fn(helix);
    } finally {
      await helix.close();
    }
  }
  const graph = await openGraph(config, logger, { log: (m) => process.stderr.write(`${m}\n`), ...o });
  const cache = createCache(o.cache ? config.REDIS_URL : undefined);
  const relay = o.events && config.REDIS_URL ? await openRelay(config.REDIS_URL) : undefined;
  try {
    return await fn({ ...graph, cache });
  } finally {
    await relay?.close();
    await cache.close();
    await graph.close();
  }
}

async function openRelay(redisUrl: string) {
  const [{ acquireRedisRelay }, { helixEvents }] = await Promise.all([import('../events/redis-relay.js'), import('../events/bus.js')]);
  return acquireRedisRelay(redisUrl, helixEvents).catch(() => undefined);
}

export function fail(error: unknown): never {
  if (error instanceof HelixError) {
    process.stderr.write(`helix: ${error.code}: ${error.message}\n`);
  } else {
    process.stderr.write(`helix: ${(error as Error)?.stack ?? String(error)}\n`);
  }
  process.exit(2);
}

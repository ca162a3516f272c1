import type { Driver } from 'neo4j-driver';
import type { Logger } from 'pino';
import type { Config } from '../config/schema.js';
import { assertQueriesValid } from '../db/check-queries.js';
import { createDriver } from '../db/driver.js';
import { Executor } from '../db/executor.js';
import { Neo4jHealth } from '../db/health.js';
import { migrate } from '../db/migrate.js';
import { rebuildMissingReadModels } from '../db/read-model-rebuild.js';
import { QueryRegistry, requireQueries } from '../db/registry.js';
import { stopLocalNeo4j } from '../local-neo4j/local-neo4j.js';
import { graphVersionReader } from '../services/lineage/graph-version.js';
import { resolveGraphTarget, type GraphTarget } from './connect-graph.js';

const HEALTH_PROBE = requireQueries(['meta/get-server-info'] as const)['meta/get-server-info'];

/** The graph alone: what every command needs (a CLI run opens this and only what else its command uses). */
export interface HelixGraph {
  config: Config;
  logger: Logger;
  driver: Driver;
  exec: Executor;
  target: GraphTarget;
  /** Whether Neo4j answers (probed every second): /ready, fail-fast refusals, recovery. */
  health: Neo4jHealth;
  schemaVersion: number;
  close(options?: { stopLocalNeo4j?: boolean }): Promise<void>;
}

export interface OpenOptions {
  /** Apply cypher/schema migrations (serve and migrate do; read-only tools may not). */
  migrate?: boolean;
  /** EXPLAIN every named query and refuse to continue on a failure. */
  checkQueries?: boolean;
  /** When opening fails after this process started the local Neo4j, stop it again (serve does; CLI tools reuse it). */
  stopStartedNeo4jOnError?: boolean;
  log?: (msg: string) => void;
  /** A long-running process (serve, worker): run the reaper of lost ingestions (openHelix only). */
  background?: boolean;
}

/** Connects to Neo4j (starting the local one if configured), migrates and checks the queries when asked. */
export async function openGraph(config: Config, logger: Logger, o: OpenOptions = {}): Promise<HelixGraph> {
  const began = performance.now();
  const lap = (phase: string, since: number, extra: Record<string, unknown> = {}) =>
    logger.info({ phase, ms: Math.round(performance.now() - since), ...extra }, 'start-up phase');
  const registry = QueryRegistry.load();
  const target = await resolveGraphTarget(config, o.log ?? ((m) => logger.info(m)));
  lap('neo4j', began);
  const connection = {
    uri: target.uri,
    user: target.user,
    password: target.password,
    acquisitionTimeoutMs: config.NEO4J_ACQUISITION_TIMEOUT_MS,
    connectionTimeoutMs: config.NEO4J_CONNECTION_TIMEOUT_MS,
    maxRetryMs: config.NEO4J_MAX_RETRY_MS,
    database: config.NEO4J_DATABASE,
  };
  const driver = await createDriver({ ...connection, maxPool: config.NEO4J_MAX_POOL, logger });
  const health = new Neo4jHealth(await createDriver({ ...connection, maxPool: 1 }), {
    database: config.NEO4J_DATABASE,
    probe: registry.get(HEALTH_PROBE),
    intervalMs: config.HELIX_HEALTH_INTERVAL_MS,
    timeoutMs: config.HELIX_HEALTH_TIMEOUT_MS,
  }).start();
  const exec = new Executor(driver, registry, {
    database: config.NEO4J_DATABASE,
    txTimeoutMs: config.NEO4J_TX_TIMEOUT_MS,
    maxRetryMs: config.NEO4J_MAX_RETRY_MS,
    logger,
    health,
  });
  graphVersionReader(exec).maxStalenessMs = config.HELIX_GRAPH_VERSION_STALENESS_MS;
  let schemaVersion = 0;
  try {
    let t = performance.now();
    if (o.migrate) {
      schemaVersion = (await migrate(exec, { skipUnchanged: true })).version;
      lap('migrate', t);
      // Capsules without a read model (an upgrade, a graph loaded by other means, a crash between a write and its
      // rebuild) get one now, a bounded batch at a time (src/db/read-models.ts).
      t = performance.now();
      const built = await rebuildMissingReadModels(exec, { op: 'rebuild read models' });
      if (built > 0) logger.info({ built }, 'capsule read models built');
      lap('read-models', t);
    }
    t = performance.now();
    if (o.checkQueries) lap('check-queries', t, await assertQueriesValid(exec));
  } catch (error) {
    await health.close();
    await driver.close();
    if (o.stopStartedNeo4jOnError && target.local?.started) await stopLocalNeo4j(config.HELIX_NEO4J_HOME);
    throw error;
  }
  return {
    config,
    logger,
    driver,
    exec,
    target,
    health,
    schemaVersion,
    async close(options = {}) {
      await health.close();
      await driver.close();
      if (options.stopLocalNeo4j && target.local?.started) await stopLocalNeo4j(config.HELIX_NEO4J_HOME);
    },
  };
}

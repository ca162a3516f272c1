import { hostname } from 'node:os';
import type { Driver } from 'neo4j-driver';
import type { Logger } from 'pino';
import type { Cache } from '../cache/cache.js';
import { createCache } from '../cache/create-cache.js';
import type { Config } from '../config/schema.js';
import { assertQueriesValid } from '../db/check-queries.js';
import { createDriver } from '../db/driver.js';
import { Executor } from '../db/executor.js';
import { Neo4jHealth } from '../db/health.js';
import { migrate } from '../db/migrate.js';
import { QueryRegistry, requireQueries } from '../db/registry.js';
import { stopLocalNeo4j } from '../local-neo4j/local-neo4j.js';
import { resolveGraphTarget, type GraphTarget } from './connect-graph.js';
import { HelixError } from '../errors.js';
import { helixEvents } from '../events/bus.js';
import { acquireRedisRelay } from '../events/redis-relay.js';
import { IngestRoots } from '../services/ingestion/ingest-roots.js';
import { graphVersionReader } from '../services/lineage/graph-version.js';
import { IngestionJobs } from '../services/ingestion/ingestion-jobs.js';
import { ConformanceJobs } from '../services/conformance/evaluation-jobs.js';
import { BullJobQueue, InProcessJobQueue, type JobQueue } from '../services/ingestion/job-queue.js';
import { startReaper } from '../services/ingestion/reaper.js';
import { resolveRuleFile } from '../services/conformance/rule-file.js';

const HEALTH_PROBE = requireQueries(['meta/get-server-info'] as const)['meta/get-server-info'];

export interface HelixContext {
  config: Config;
  logger: Logger;
  driver: Driver;
  exec: Executor;
  cache: Cache;
  target: GraphTarget;
  /** Whether Neo4j answers (probed every second): /ready, fail-fast refusals, recovery. */
  health: Neo4jHealth;
  schemaVersion: number;
  /** Ingestions started through the API (startIngestion), run in the background. */
  ingestionJobs: IngestionJobs;
  /** Where background jobs wait: BullMQ when REDIS_URL is set (run by `helix worker`), else this process. */
  jobQueue: JobQueue;
  /** Conformance evaluations started through the API (evaluateConformance), run in the background. */
  conformanceJobs: ConformanceJobs;
  /** The server's conformance rule set: HELIX_RULES_FILE, else helix.rules.yml in the working folder, else none. */
  rulesFile: string | undefined;
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
  /** A long-running process (serve, worker): run the reaper of lost ingestions. */
  background?: boolean;
}

/** Connects everything a command needs, in dependency order, and knows how to release it. */
export async function openHelix(config: Config, logger: Logger, o: OpenOptions = {}): Promise<HelixContext> {
  const roots = IngestRoots.parse(config.HELIX_INGEST_ROOTS, config.HELIX_INGEST_MAX_FILE_BYTES);
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
    }
    t = performance.now();
    if (o.checkQueries) lap('check-queries', t, await assertQueriesValid(exec));
  } catch (error) {
    await health.close();
    await driver.close();
    if (o.stopStartedNeo4jOnError && target.local?.started) await stopLocalNeo4j(config.HELIX_NEO4J_HOME);
    throw error;
  }
  const useQueue = config.HELIX_JOB_RUNNER === 'queue' || (config.HELIX_JOB_RUNNER === 'auto' && Boolean(config.REDIS_URL));
  if (useQueue && !config.REDIS_URL) throw new HelixError('CONFIG_INVALID', 'HELIX_JOB_RUNNER=queue needs REDIS_URL');
  const jobQueue: JobQueue = useQueue && config.REDIS_URL
    ? new BullJobQueue(config.REDIS_URL)
    : new InProcessJobQueue(exec, logger, config.HELIX_INGEST_CONCURRENCY, `process:${hostname()}:${process.pid}`);
  const ingestionJobs = new IngestionJobs(exec, roots, jobQueue);
  const rulesFile = resolveRuleFile(undefined, process.cwd(), config.HELIX_RULES_FILE);
  const conformanceJobs = new ConformanceJobs(exec, rulesFile, jobQueue, config.HELIX_RULE_TIMEOUT_MS);
  const cache = createCache(config.REDIS_URL);
  // Events cross processes through Redis when there is one; without it they stay in this process.
  const relay = config.REDIS_URL ? await acquireRedisRelay(config.REDIS_URL, helixEvents).catch(() => undefined) : undefined;
  // An ingestion that ended anywhere (this process or a worker, heard through the relay) wrote to the graph: the
  // next cached answer reads the graph version again.
  const offEnds = helixEvents.subscribe('ingestionProgress', (e) => {
    if (e.status === 'completed' || e.status === 'failed' || e.status === 'cancelled') graphVersionReader(exec).invalidate();
  });
  const reaper = o.background ? startReaper(exec, jobQueue, logger) : undefined;
  return {
    config,
    logger,
    driver,
    exec,
    cache,
    target,
    health,
    schemaVersion,
    ingestionJobs,
    jobQueue,
    conformanceJobs,
    rulesFile,
    async close(options = {}) {
      reaper?.stop();
      offEnds();
      await conformanceJobs.close();
      await ingestionJobs.close();
      await relay?.close();
      await cache.close();
      await health.close();
      await driver.close();
      if (options.stopLocalNeo4j && target.local?.started) await stopLocalNeo4j(config.HELIX_NEO4J_HOME);
    },
  };
}

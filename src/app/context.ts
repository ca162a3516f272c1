import { hostname } from 'node:os';
import type { Driver } from 'neo4j-driver';
import type { Logger } from 'pino';
import type { Cache } from '../cache/cache.js';
import { createCache } from '../cache/create-cache.js';
import type { Config } from '../config/schema.js';
import type { Executor } from '../db/executor.js';
import type { Neo4jHealth } from '../db/health.js';
import type { GraphTarget } from './connect-graph.js';
import { openGraph, type OpenOptions } from './open-graph.js';
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

export type { OpenOptions };

/** Connects everything a command needs, in dependency order, and knows how to release it. */
export async function openHelix(config: Config, logger: Logger, o: OpenOptions = {}): Promise<HelixContext> {
  const roots = IngestRoots.parse(config.HELIX_INGEST_ROOTS, config.HELIX_INGEST_MAX_FILE_BYTES);
  const graph = await openGraph(config, logger, o);
  const { driver, exec, target, health, schemaVersion } = graph;
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
      await graph.close(options);
    },
  };
}

import type { Driver } from 'neo4j-driver';
import type { Logger } from 'pino';
import type { Cache } from '../cache/cache.js';
import { createCache } from '../cache/create-cache.js';
import type { Config } from '../config/schema.js';
import type { Executor } from '../db/executor.js';
import type { GraphTarget } from './connect-graph.js';
import { openGraph, type OpenOptions } from './open-graph.js';
import { helixEvents } from '../events/bus.js';
import { acquireRedisRelay } from '../events/redis-relay.js';
import { IngestRoots } from '../services/ingestion/ingest-roots.js';
import { IngestionJobs } from '../services/ingestion/ingestion-jobs.js';
import { ConformanceJobs } from '../services/conformance/evaluation-jobs.js';
import { resolveRuleFile } from '../services/conformance/rule-file.js';

export interface HelixContext {
  config: Config;
  logger: Logger;
  driver: Driver;
  exec: Executor;
  cache: Cache;
  target: GraphTarget;
  schemaVersion: number;
  /** Ingestions started through the API (startIngestion), run in the background. */
  ingestionJobs: IngestionJobs;
  /** Conformance evaluations started through the API (evaluateConformance), run in the background. */
  conformanceJobs: ConformanceJobs;
  /** The server's conformance rule set: HELIX_RULES_FILE, else helix.rules.yml in the working folder, else none. */
  rulesFile: string | undefined;
  close(options?: { stopLocalNeo4j?: boolean }): Promise<void>;
}

export type { OpenOptions };

/**
 * The server's context: the graph (openGraph) plus the response cache, the event relay and the background job
 * runners, in dependency order, and how to release them. `helix serve` and the tests open this; a CLI command opens
 * only the graph and what it uses (src/cli/bootstrap.ts).
 */
export async function openHelix(config: Config, logger: Logger, o: OpenOptions = {}): Promise<HelixContext> {
  const roots = IngestRoots.parse(config.HELIX_INGEST_ROOTS);
  const graph = await openGraph(config, logger, o);
  const { driver, exec, target, schemaVersion } = graph;
  const ingestionJobs = new IngestionJobs(exec, roots, logger, config.HELIX_INGEST_CONCURRENCY);
  const rulesFile = resolveRuleFile(undefined, process.cwd(), config.HELIX_RULES_FILE);
  const conformanceJobs = new ConformanceJobs(exec, rulesFile, logger, config.HELIX_RULE_TIMEOUT_MS);
  const cache = createCache(config.REDIS_URL);
  // Events cross processes through Redis when there is one; without it they stay in this process.
  const relay = config.REDIS_URL ? await acquireRedisRelay(config.REDIS_URL, helixEvents).catch(() => undefined) : undefined;
  return {
    config,
    logger,
    driver,
    exec,
    cache,
    target,
    schemaVersion,
    ingestionJobs,
    conformanceJobs,
    rulesFile,
    async close(options = {}) {
      await ingestionJobs.close();
      await conformanceJobs.close();
      await relay?.close();
      await cache.close();
      await graph.close(options);
    },
  };
}

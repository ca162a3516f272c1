import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { openHelix, type HelixContext } from '../../src/app/context.js';
import { configSchema } from '../../src/config/schema.js';
import { requireQueries } from '../../src/db/registry.js';
import { createLogger } from '../../src/observability/logger.js';

const Q = requireQueries(['meta/wipe-graph-batch'] as const);

/**
 * Isolation: Neo4j Community has one database, so integration files run one at a time (vitest.config.ts) and each
 * starts from an empty graph (`resetGraph`); schema (constraints, indexes) stays, and so do the records of the applied
 * migrations and of the start-up query check (cypher/meta/wipe-graph-batch.cypher). Tests never mock Neo4j or Redis.
 */
export async function openTestHelix(overrides: Record<string, string> = {}): Promise<HelixContext> {
  const config = configSchema.parse({
    NODE_ENV: 'test',
    NEO4J_URI: inject('neo4jUri'),
    REDIS_URL: inject('redisUrl'),
    LOG_LEVEL: 'silent',
    // Background jobs run in the test's own process unless a test starts `helix worker` processes (queue tests).
    HELIX_JOB_RUNNER: 'process',
    // Rate budgets of its own (test files run side by side on one Redis and one address): a test that wants a
    // shared budget (two servers) names one prefix for both.
    HELIX_RATE_LIMIT_KEY_PREFIX: `helix:test:rl:${randomUUID()}`,
    ...overrides,
  });
  return openHelix(config, createLogger('silent'), { migrate: true, checkQueries: false, log: () => {} });
}

export async function resetGraph(helix: HelixContext): Promise<void> {
  for (;;) {
    const [row] = await helix.exec.write(Q['meta/wipe-graph-batch'], { limit: 10_000 }, { op: 'test reset' });
    if (Number(row?.deleted ?? 0) === 0) break;
  }
  // Redis is shared by the whole machine: tests only ever touch their own key prefix.
}

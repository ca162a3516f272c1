import neo4j, { type Driver } from 'neo4j-driver';
import type { Logger } from 'pino';
import { HelixError } from '../errors.js';

export interface DriverOptions {
  uri: string;
  user: string;
  password?: string;
  maxPool: number;
  logger?: Logger;
  /** Longest wait for a pooled connection (default 10 s). */
  acquisitionTimeoutMs?: number;
  /** Longest wait to open a socket to Neo4j (default 3 s). */
  connectionTimeoutMs?: number;
  /** How long the driver retries a transaction function on transient errors (default 15 s). */
  maxRetryMs?: number;
  /** Checked by verifyConnectivity (routing drivers fetch this database's routing table). */
  database?: string;
}

/**
 * One driver per process (plus the health probe's). `bolt://` talks to one server; `neo4j://` / `neo4j+s://` route
 * reads to followers and read replicas and writes to the leader of a cluster (Community answers both schemes).
 * Integers stay Integers here; src/db/convert.ts converts them in one place.
 */
export async function createDriver(o: DriverOptions): Promise<Driver> {
  const auth = o.password ? neo4j.auth.basic(o.user, o.password) : undefined;
  const driver = neo4j.driver(o.uri, auth, {
    maxConnectionPoolSize: o.maxPool,
    // Fail fast when Neo4j is away (src/db/health.ts covers what the driver's retries would otherwise hide).
    connectionAcquisitionTimeout: o.acquisitionTimeoutMs ?? 10_000,
    connectionTimeout: o.connectionTimeoutMs ?? 3_000,
    maxTransactionRetryTime: o.maxRetryMs ?? 15_000,
    disableLosslessIntegers: false,
    userAgent: 'helix/0.1',
    logging: o.logger
      ? { level: 'warn', logger: (level, message) => o.logger?.[level === 'error' ? 'error' : 'warn']({ neo4j: true }, message) }
      : undefined,
  });
  try {
    await driver.verifyConnectivity(o.database ? { database: o.database } : {});
  } catch (error) {
    await driver.close();
    throw new HelixError('DATABASE_UNAVAILABLE', `cannot reach Neo4j at ${o.uri}: ${(error as Error).message}`, undefined, {
      cause: error,
    });
  }
  return driver;
}

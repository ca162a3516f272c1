import neo4j, { type Driver } from 'neo4j-driver';
import type { Logger } from 'pino';
import { HelixError } from '../errors.js';

export interface DriverOptions {
  uri: string;
  user: string;
  password?: string;
  maxPool: number;
  logger?: Logger;
}

/** One driver per process. Integers stay Integers here; src/db/convert.ts converts them in one place. */
export async function createDriver(o: DriverOptions): Promise<Driver> {
  const auth = o.password ? neo4j.auth.basic(o.user, o.password) : undefined;
  const driver = neo4j.driver(o.uri, auth, {
    maxConnectionPoolSize: o.maxPool,
    connectionAcquisitionTimeout: 30_000,
    disableLosslessIntegers: false,
    userAgent: 'helix/0.1',
    logging: o.logger
      ? { level: 'warn', logger: (level, message) => o.logger?.[level === 'error' ? 'error' : 'warn']({ neo4j: true }, message) }
      : undefined,
  });
  try {
    await driver.verifyConnectivity();
  } catch (error) {
    await driver.close();
    throw new HelixError('DATABASE_UNAVAILABLE', `cannot reach Neo4j at ${o.uri}: ${(error as Error).message}`, undefined, {
      cause: error,
    });
  }
  return driver;
}

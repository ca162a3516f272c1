import net from 'node:net';
import neo4j from 'neo4j-driver';
import { afterEach, describe, expect, it } from 'vitest';
import { Neo4jHealth } from '../../../../src/db/health.js';

/** A loopback port nothing listens on: the real driver gets a refused connection, as from a stopped Neo4j. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

describe('Neo4jHealth against an address where Neo4j is gone', () => {
  let health: Neo4jHealth | undefined;
  afterEach(async () => health?.close());

  it('flips to down on a refused connection and fails the work in flight with SERVICE_UNAVAILABLE at once', async () => {
    const driver = neo4j.driver(`bolt://127.0.0.1:${await closedPort()}`, undefined, { connectionTimeout: 1000 });
    health = new Neo4jHealth(driver, { database: 'neo4j', probe: 'RETURN 1 AS version', intervalMs: 60_000, timeoutMs: 2000 });
    expect(health.ok).toBe(true);
    // Work that would otherwise wait for the driver's retries (here: never settles).
    const inFlight = health.guard(new Promise<never>(() => {}));
    const started = performance.now();
    const state = await health.check();
    expect(state.ok).toBe(false);
    await expect(inFlight).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(performance.now() - started).toBeLessThan(3000);
    // New work is refused without touching the driver.
    expect(() => health!.assertUp()).toThrow(expect.objectContaining({ code: 'SERVICE_UNAVAILABLE' }));
    await expect(health.guard(Promise.resolve(1))).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  });

  it('lets work through and passes its result while up', async () => {
    const driver = neo4j.driver(`bolt://127.0.0.1:${await closedPort()}`);
    health = new Neo4jHealth(driver, { database: 'neo4j', probe: 'RETURN 1 AS version', intervalMs: 60_000, timeoutMs: 2000 });
    await expect(health.guard(Promise.resolve(42))).resolves.toBe(42);
    await expect(health.guard(Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  });
});

describe('Neo4jHealth.whenUp', () => {
  it('resolves true at once while up, and false after the timeout while down', async () => {
    const driver = neo4j.driver(`bolt://127.0.0.1:${await closedPort()}`, undefined, { connectionTimeout: 1000 });
    const health = new Neo4jHealth(driver, { database: 'neo4j', probe: 'RETURN 1 AS version', intervalMs: 60_000, timeoutMs: 2000 });
    try {
      await expect(health.whenUp(10)).resolves.toBe(true);
      await health.check();
      await expect(health.whenUp(50)).resolves.toBe(false);
    } finally {
      await health.close();
    }
  });
});

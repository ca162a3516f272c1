import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import type { HelixContext } from '../../../../src/app/context.js';
import { createDriver } from '../../../../src/db/driver.js';
import { Executor } from '../../../../src/db/executor.js';
import { QueryRegistry } from '../../../../src/db/registry.js';
import type { HelixError } from '../../../../src/errors.js';
import { openTestHelix } from '../../../support/graph.js';

/**
 * Executor.read() runs auto-commit queries (not managed transactions) on the real Neo4j: what the managed
 * transaction gave must still hold — retries of retryable errors, transaction timeout, metadata, bookmarks, READ
 * access mode. Its statements live in a registry of this test's own (a temporary cypher/ folder).
 */
const QUERIES: Record<string, string> = {
  'probe/sleep-then-return': 'CALL apoc.util.sleep($ms) RETURN $tag AS tag',
  'probe/bad-syntax': 'RETURN $x +',
  'probe/create-node': 'CREATE (n:HelixReadModeProbe {tag: $tag}) RETURN n.tag AS tag',
  'probe/count-nodes': 'MATCH (n:HelixReadModeProbe {tag: $tag}) RETURN count(n) AS n',
};

let helix: HelixContext;
let dir: string;
let exec: Executor;
let proxiedDriver: Driver;
const logged: Array<Record<string, unknown>> = [];

/**
 * A TCP relay between this test's driver and Neo4j, so a connection can be cut for real in the middle of a query (a
 * network failure, or a reader going away). `dbms.killConnection` cannot serve: Neo4j first terminates the running
 * transaction (Transaction.Terminated, which is not retryable, rightly), then closes.
 */
const relay = {
  server: undefined as net.Server | undefined,
  sockets: new Set<net.Socket>(),
  async start(target: URL): Promise<number> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(Number(target.port), target.hostname);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => {
          this.sockets.delete(s);
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as net.AddressInfo).port;
  },
  cutAll(): void {
    for (const s of this.sockets) s.destroy();
  },
  async close(): Promise<void> {
    this.cutAll();
    await new Promise((resolve) => this.server?.close(resolve));
  },
};

beforeAll(async () => {
  helix = await openTestHelix();
  dir = mkdtempSync(path.join(tmpdir(), 'helix-executor-read-'));
  for (const [name, text] of Object.entries(QUERIES)) {
    mkdirSync(path.join(dir, path.dirname(name)), { recursive: true });
    writeFileSync(path.join(dir, `${name}.cypher`), text);
  }
  const logger = pino({ level: 'warn' }, { write: (line: string) => void logged.push(JSON.parse(line) as Record<string, unknown>) });
  const port = await relay.start(new URL(helix.target.uri.replace(/^[a-z+]+:/, 'http:')));
  proxiedDriver = await createDriver({ uri: `bolt://127.0.0.1:${port}`, user: helix.target.user, password: helix.target.password, maxPool: 5 });
  exec = new Executor(proxiedDriver, QueryRegistry.load(dir), { database: helix.config.NEO4J_DATABASE, txTimeoutMs: 30_000, logger, health: helix.health });
});
afterAll(async () => {
  await helix?.exec.runText('MATCH (n:HelixReadModeProbe) DETACH DELETE n', {}, 'WRITE');
  await proxiedDriver?.close();
  await relay.close();
  await helix?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The transactions Neo4j is running for one request id (its metadata), with their connection. */
async function transactionsOf(requestId: string) {
  return helix.exec.runText(
    'SHOW TRANSACTIONS YIELD transactionId, connectionId, metaData WHERE metaData.requestId = $requestId RETURN transactionId, connectionId, metaData',
    { requestId },
    'READ',
  ) as Promise<Array<{ transactionId: string; connectionId: string; metaData: Record<string, string> }>>;
}

async function waitForTransaction(requestId: string, notId?: string) {
  for (let i = 0; i < 400; i++) {
    const tx = (await transactionsOf(requestId)).find((t) => t.transactionId !== notId);
    if (tx) return tx;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no transaction with requestId ${requestId} appeared`);
}

describe('Executor.read as auto-commit queries', () => {
  it('carries the transaction metadata, and retries a read whose connection was cut (a real ServiceUnavailable)', async () => {
    const requestId = randomUUID();
    const counter = { queries: 0 };
    logged.length = 0;
    const outcome = exec
      .read('probe/sleep-then-return', { ms: 1500, tag: 'ok' }, { requestId, op: 'retry-test', counter })
      .then((rows) => ({ rows }), (error: unknown) => ({ error }));
    const first = await waitForTransaction(requestId);
    expect(first.metaData).toEqual({ app: 'helix', op: 'retry-test', query: 'probe/sleep-then-return', requestId });
    relay.cutAll();
    const second = await waitForTransaction(requestId, first.transactionId);
    expect(second.connectionId).not.toBe(first.connectionId);
    expect(await outcome).toEqual({ rows: [{ tag: 'ok' }] });
    // One round trip for the caller (what batching tests count), one retry logged with the driver's error.
    expect(counter.queries).toBe(1);
    const retries = logged.filter((l) => l.msg === 'cypher read retried');
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatchObject({ query: 'probe/sleep-then-return', attempt: 1, requestId });
    expect((retries[0]!.err as { code?: string }).code).toMatch(/ServiceUnavailable|SessionExpired/);
    expect(helix.health.ok).toBe(true);
  }, 60_000);

  it('does not retry an error that is not retryable', async () => {
    logged.length = 0;
    const counter = { queries: 0 };
    await expect(exec.read('probe/bad-syntax', {}, { counter })).rejects.toMatchObject({ code: 'DATABASE_ERROR' });
    expect(counter.queries).toBe(1);
    expect(logged.filter((l) => l.msg === 'cypher read retried')).toEqual([]);
    expect(logged.filter((l) => l.msg === 'cypher failed')).toHaveLength(1);
  });

  it('still enforces the transaction timeout on reads: TIMEOUT, not retried', async () => {
    logged.length = 0;
    const started = performance.now();
    const error = (await exec.read('probe/sleep-then-return', { ms: 5000, tag: 'late' }, { timeoutMs: 300 }).catch((e: unknown) => e)) as HelixError;
    expect(error).toMatchObject({ code: 'TIMEOUT' });
    expect(String((error.details as { neo4jCode?: string } | undefined)?.neo4jCode)).toMatch(/TransactionTimedOut/);
    expect(performance.now() - started).toBeLessThan(4500);
    expect(logged.filter((l) => l.msg === 'cypher read retried')).toEqual([]);
  }, 30_000);

  it('runs in READ access mode: a write through read() is refused and writes nothing', async () => {
    const tag = randomUUID();
    await expect(exec.read('probe/create-node', { tag })).rejects.toMatchObject({ code: 'DATABASE_ERROR' });
    expect(await exec.read('probe/count-nodes', { tag })).toEqual([{ n: 0 }]);
  });

  it('sends the bookmarks: a write’s bookmark reads the write, a forged one is BAD_USER_INPUT', async () => {
    const tag = randomUUID();
    const writtenBookmarks = new Set<string>();
    await exec.write('probe/create-node', { tag }, { writtenBookmarks });
    expect(writtenBookmarks.size).toBeGreaterThan(0);
    expect(await exec.read('probe/count-nodes', { tag }, { bookmarks: [...writtenBookmarks] })).toEqual([{ n: 1 }]);
    await expect(exec.read('probe/count-nodes', { tag }, { bookmarks: ['not-a-bookmark'] })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

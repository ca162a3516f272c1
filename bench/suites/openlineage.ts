import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import neo4j from 'neo4j-driver';
import { benchNeo4j, type BenchNeo4j } from '../harness/bench-neo4j.js';
import { startServeChild, type ServeChild } from '../harness/serve-child.js';
import type { Suite } from '../harness/suite.js';

let db: BenchNeo4j | undefined;
let serve: ServeChild | undefined;
const TOKEN = 'bench-openlineage-token';

/** A distinct, valid OpenLineage RunEvent (its own run) per request: nothing is deduplicated away. */
function event(producer: string, i: number): string {
  return JSON.stringify({
    eventType: i % 2 === 0 ? 'START' : 'COMPLETE',
    eventTime: new Date().toISOString(),
    producer,
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: randomUUID() },
    job: { namespace: 'bench-ol', name: `job-${i % 40}` },
    inputs: [{ namespace: 'postgres://bench:5432', name: `raw.table_${i % 100}` }],
    outputs: [{ namespace: 'postgres://bench:5432', name: `mart.table_${i % 100}` }],
  });
}

/**
 * OpenLineage intake (`POST /api/v1/lineage`, Marquez's endpoint): distinct single-event POSTs from 50 connections
 * for 20 s against `helix serve` in its own process (with a token and Redis, as deployed), then every accepted event counted in
 * Neo4j (none may be lost). Goal: ≥ 200 POSTs/s on the 2-core machine (was 8.7/s with one write per request).
 */
const suite: Suite = {
  name: 'openlineage',
  description: 'OpenLineage intake: distinct single-event POSTs, 50 connections x 20 s, events counted in Neo4j',
  async run({ quick, log }) {
    db ??= await benchNeo4j('bench-instance', log);
    serve ??= await startServeChild(
      { NEO4J_URI: db.uri, NODE_ENV: 'development', HELIX_AUTH_TOKEN: TOKEN, HELIX_RATE_LIMIT_PER_MINUTE: '100000000', HELIX_RATE_LIMIT_KEY_PREFIX: `helix:rl:bench:${randomUUID()}`, REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
      { log },
    );
    const connections = quick ? 5 : 50;
    const seconds = quick ? 2 : 20;
    const producer = `https://helix.bench/openlineage/${randomUUID()}`;
    // Warm-up (facet schemas compiled, connections opened): one event, which must be stored.
    const warm = await fetch(`${serve.base}/api/v1/lineage`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: event(`${producer}/warm-up`, 0) });
    if (warm.status !== 201) throw new Error(`warm-up POST answered ${warm.status}: ${await warm.text()}`);
    let i = 0;
    const result = await autocannon({
      url: `${serve.base}/api/v1/lineage`,
      connections,
      duration: seconds,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
          setupRequest: (req) => ({ ...req, body: event(producer, i++) }),
        },
      ],
    });
    const created = result['2xx'];
    const stored = await countStored(db, producer);
    const lost = Math.max(0, created - stored);
    log(`${created} events accepted, ${stored} stored, ${result.non2xx} non-2xx, ${result.errors} errors`);
    if (lost > 0) throw new Error(`${lost} accepted OpenLineage events are not in Neo4j`);
    return {
      rows: [
        {
          measure: `single-event POSTs, ${connections} connections`,
          requestsPerSecond: Math.round(created / seconds),
          latencyP50: result.latency.p50,
          latencyP99: result.latency.p99,
          accepted: created,
          stored,
          non2xx: result.non2xx,
          errors: result.errors,
        },
      ],
      notes: [`${connections} connections, ${seconds} s, one new run per event; stored = RunEvent nodes of this round in Neo4j`],
    };
  },
  async close() {
    await serve?.stop();
    serve = undefined;
    await db?.release();
    db = undefined;
  },
};

async function countStored(target: BenchNeo4j, producer: string): Promise<number> {
  const driver = neo4j.driver(target.uri, target.password ? neo4j.auth.basic('neo4j', target.password) : undefined);
  try {
    const { records } = await driver.executeQuery('MATCH (e:RunEvent) WHERE e.producer = $producer RETURN count(e) AS n', { producer }, { routing: 'READ' });
    return Number(records[0]?.get('n') ?? 0);
  } finally {
    await driver.close();
  }
}

export default suite;

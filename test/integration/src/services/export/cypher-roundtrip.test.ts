import { rmSync } from 'node:fs';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHelix, type HelixContext } from '../../../../../src/app/context.js';
import { configSchema } from '../../../../../src/config/schema.js';
import { loadDemoGraph } from '../../../../../src/demo/load-demo.js';
import { startLocalNeo4j, stopLocalNeo4j, freePort } from '../../../../../src/local-neo4j/local-neo4j.js';
import { createLogger } from '../../../../../src/observability/logger.js';
import { openTestHelix, resetGraph } from '../../../../support/graph.js';
import { exportText, SPECIAL, writeSpecialGraph } from './helpers.js';

/** A second, empty Neo4j of its own (home and port), started by Helix's launcher with a 1g heap. */
const SECOND_HOME = '.neo4j/export-roundtrip';

let source: HelixContext;
let target: HelixContext;
let driver: Driver;
let script: string;


/** The script as cypher-shell would run it: one statement per `;` at a line end (literals never hold a raw newline). */
async function runScript(text: string): Promise<number> {
  const statements = text.split(/;\n/).map((s) => s.trim()).filter((s) => s !== '');
  for (const st of statements) await driver.executeQuery(st, {}, { database: 'neo4j' });
  return statements.length;
}

async function census(run: (q: string) => Promise<Array<Record<string, unknown>>>) {
  const labels = await run('MATCH (n:Node) WHERE NOT n:Ingestion UNWIND labels(n) AS l RETURN l AS key, count(*) AS n ORDER BY key');
  const types = await run('MATCH (:Node)-[r]->(:Node) RETURN type(r) AS key, count(*) AS n ORDER BY key');
  return { labels, types };
}

beforeAll(async () => {
  rmSync(SECOND_HOME, { recursive: true, force: true });
  // The second Neo4j starts (a JVM start-up of 20-60 s on the CI machine) while the source graph is written and
  // exported; both are awaited to the end, so a failure of one never leaves the other running past afterAll.
  const [started, loaded] = await Promise.allSettled([
    freePort().then((port) => startLocalNeo4j({ home: SECOND_HOME, port, heap: '1g', pagecache: '256m' })),
    (async () => {
      source = await openTestHelix();
      await resetGraph(source);
      await loadDemoGraph(source.exec);
      await writeSpecialGraph(source);
      script = (await exportText(source, { format: 'cypher' })).text;
    })(),
  ]);
  if (started.status === 'rejected') throw started.reason;
  if (loaded.status === 'rejected') throw loaded.reason;
  const second = started.value;
  driver = neo4j.driver(second.uri);
  const config = configSchema.parse({ NODE_ENV: 'test', NEO4J_URI: second.uri, LOG_LEVEL: 'silent' });
  target = await openHelix(config, createLogger('silent'), { migrate: false, log: () => {} });
}, 180_000);

afterAll(async () => {
  await target?.close();
  await driver?.close();
  await source?.close();
  await stopLocalNeo4j(SECOND_HOME);
  rmSync(SECOND_HOME, { recursive: true, force: true });
});

describe('Cypher export round trip into a second, empty Neo4j', () => {
  it('is a plain script: constraints first, then UNWIND batches, no cypher-shell commands', () => {
    const statements = script.split(/;\n/).filter((s) => s.trim() !== '');
    const firstData = statements.findIndex((s) => s.startsWith('UNWIND'));
    expect(statements.slice(0, firstData).every((s) => s.startsWith('CREATE CONSTRAINT') && s.includes('IF NOT EXISTS'))).toBe(true);
    expect(statements.slice(firstData).every((s) => s.startsWith('UNWIND ['))).toBe(true);
    expect(script).not.toMatch(/^:/m);
  });

  it('loads into the empty database with the same labels, relationship types and properties; twice changes nothing', async () => {
    const [empty] = (await driver.executeQuery('MATCH (n) RETURN count(n) AS n')).records;
    expect(empty!.get('n').toNumber()).toBe(0);
    await runScript(script);
    const fromSource = await census((q) => source.exec.runText(q, {}, 'READ'));
    const fromTarget = await census((q) => target.exec.runText(q, {}, 'READ'));
    expect(fromTarget).toEqual(fromSource);
    expect(fromSource.labels.length).toBeGreaterThan(5);

    const sample = 'MATCH (n:Node {urn: $urn}) RETURN properties(n) AS p, apoc.coll.sort(labels(n)) AS l';
    for (const urn of ['urn:dbt:shop:model.shop.orders', 'HGNC:9008', 'urn:x:we"ird <&> `tick` 😀 שלום']) {
      const [a] = await source.exec.runText(sample, { urn }, 'READ');
      const [b] = await target.exec.runText(sample, { urn }, 'READ');
      expect(b).toEqual(a);
    }
    // Types survive: a float that is whole stays FLOAT, datetimes stay DATE_TIME, lists keep their element type.
    const types = await target.exec.runText(
      "MATCH (n:Node {urn: 'urn:dbt:shop:model.shop.orders'}) RETURN valueType(n.whole) AS whole, valueType(n.createdAt) AS at, valueType(n.counts) AS counts, valueType(n.day) AS day",
      {},
      'READ',
    );
    expect(types[0]).toEqual({ whole: 'FLOAT NOT NULL', at: 'ZONED DATETIME NOT NULL', counts: 'LIST<INTEGER NOT NULL> NOT NULL', day: 'DATE NOT NULL' });

    await runScript(script);
    expect(await census((q) => target.exec.runText(q, {}, 'READ'))).toEqual(fromSource);
  }, 300_000);

  it('exporting the loaded database again gives the same script, after sorting', async () => {
    const again = (await exportText(target, { format: 'cypher' })).text;
    const sorted = (t: string) => t.split('\n').sort();
    expect(sorted(again)).toEqual(sorted(script));
  });
});

describe('GraphML export opened by Neo4j itself (apoc.import.graphml) in the second, emptied Neo4j', () => {
  it('recreates the same labels, relationship types and scalar properties', async () => {
    await driver.executeQuery('MATCH (n) DETACH DELETE n', {}, { database: 'neo4j' });
    const graphml = (await exportText(source, { format: 'graphml' })).text;
    // The file's bytes, as a client without file access to the server would pass them (no apoc.import.file.enabled).
    const { records } = await driver.executeQuery(
      'CALL apoc.import.graphml($bytes, {readLabels: true}) YIELD nodes, relationships RETURN nodes, relationships',
      { bytes: new Int8Array(Buffer.from(graphml, 'utf8')) }, // the driver sends Int8Array as Bolt bytes
      { database: 'neo4j' },
    );
    const fromSource = await census((q) => source.exec.runText(q, {}, 'READ'));
    const fromTarget = await census((q) => target.exec.runText(q, {}, 'READ'));
    expect(fromTarget).toEqual(fromSource);
    const imported = { nodes: records[0]!.get('nodes').toNumber(), relationships: records[0]!.get('relationships').toNumber() };
    const expected = {
      nodes: fromSource.labels.find((l) => l.key === 'Node')!.n,
      relationships: fromSource.types.reduce((s, t) => s + Number(t.n), 0),
    };
    expect(imported).toEqual({ nodes: Number(expected.nodes), relationships: expected.relationships });

    // GraphML has no temporal type: dates travel as ISO strings; every other scalar and list keeps its type.
    const sample = `MATCH (n:Node {urn: $urn}) RETURN n.name AS name, n.description AS description, n.rowCount AS rowCount,
      n.score AS score, n.flag AS flag, n.tags AS tags, n.counts AS counts, apoc.coll.sort(labels(n)) AS labels`;
    for (const urn of ['urn:dbt:shop:model.shop.orders', 'HGNC:9008', 'urn:x:we"ird <&> `tick` 😀 שלום']) {
      const [a] = await source.exec.runText(sample, { urn }, 'READ');
      const [b] = await target.exec.runText(sample, { urn }, 'READ');
      expect(b).toEqual(a);
    }
    const [edge] = await target.exec.runText(
      "MATCH (:Node {urn: 'urn:dbt:shop:model.shop.orders'})-[r:FLOWS_TO]->(:Node {urn: 'urn:dbt:shop:model.shop.customers'}) RETURN r.note AS note, r.weight AS weight",
      {},
      'READ',
    );
    expect(edge).toEqual({ note: SPECIAL, weight: 3 });
  }, 300_000);
});


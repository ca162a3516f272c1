/**
 * One measured export in its own process (so that its peak RSS is the export's): `helix` exports (graphml, cypher)
 * through the streaming service into a discarding sink, or APOC's `apoc.export.graphml.all` in stream mode read by
 * the driver — both end to end to this client. Prints one JSON line: elements, bytes, ms, maxRssMb.
 * Usage: tsx bench/export-child.ts <bolt uri> helix:graphml|helix:cypher|apoc:graphml
 */
import { Writable } from 'node:stream';
import neo4j from 'neo4j-driver';
import { Executor } from '../src/db/executor.js';
import { QueryRegistry } from '../src/db/registry.js';
import { createCache } from '../src/cache/create-cache.js';
import { exportRequest } from '../src/services/export/export-request.js';
import { prepareExport, writeExport } from '../src/services/export/run-export.js';

const [uri, what] = process.argv.slice(2) as [string, string];
const driver = neo4j.driver(uri);
const started = performance.now();
let bytes = 0;
let elements = 0;
/** Time before the first element: scope, and for GraphML the pre-pass that declares the typed keys. */
let prepareMs = 0;
if (what.startsWith('helix:')) {
  const exec = new Executor(driver, QueryRegistry.load(), { database: 'neo4j', txTimeoutMs: 600_000 });
  const sink = new Writable({
    write(chunk: Buffer, _e, cb) {
      bytes += chunk.length;
      cb();
    },
  });
  const s = { exec, cache: createCache(undefined), cacheTtlSeconds: 1, query: { op: 'bench export' } };
  const o = { mermaidMaxNodes: 500 };
  const prepared = await prepareExport(s, exportRequest({ format: what.slice(6) }), o);
  prepareMs = Math.round(performance.now() - started);
  const summary = await writeExport(s, prepared, sink, o);
  elements = summary.elements;
  await s.cache.close();
} else {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  const result = session.run('CALL apoc.export.graphml.all(null, {stream: true, useTypes: true}) YIELD data, nodes, relationships RETURN data, nodes, relationships');
  for await (const r of result) {
    bytes += Buffer.byteLength(String(r.get('data') ?? ''));
    elements = Number(r.get('nodes')) + Number(r.get('relationships'));
  }
  await session.close();
}
await driver.close();
const ms = performance.now() - started;
process.stdout.write(`${JSON.stringify({ elements, bytes, ms: Math.round(ms), prepareMs, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);

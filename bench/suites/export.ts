import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import neo4j from 'neo4j-driver';
import { startLocalNeo4j, stopLocalNeo4j } from '../../src/local-neo4j/local-neo4j.js';
import { ensureExportGraph } from '../export-graph.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/**
 * A Neo4j of the bench's own per size (1g heap): APOC's export of `all` must see only that synthetic graph, and each
 * home keeps its graph between rounds and runs.
 */
const home = (size: number) => `.neo4j/bench-export-${size}`;

interface Measured {
  elements: number;
  bytes: number;
  ms: number;
  maxRssMb: number;
}

function measure(uri: string, what: string): Measured {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'bench/export-child.ts'), uri, what], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`export bench child ${what} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Measured;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export default {
  name: 'export',
  description:
    'helix export (GraphML, Cypher) vs apoc.export.graphml.all {stream:true}, end to end to the client process, on a synthetic graph of 100k and 1M elements: elements/s, peak RSS of the exporting process, ratio to APOC',
  async run(opts: { quick: boolean; log: (line: string) => void }) {
    const sizes = opts.quick ? [2_000] : [100_000, 1_000_000];
    const rows: Array<Record<string, string | number | null>> = [];
    for (const size of sizes) {
      const started = await startLocalNeo4j({ home: home(size), port: await freePort(), heap: '1g', pagecache: '512m', log: opts.log });
      const driver = neo4j.driver(started.uri);
      try {
        await ensureExportGraph(driver, size, opts.log);
        const apoc = measure(started.uri, 'apoc:graphml');
        for (const what of ['helix:graphml', 'helix:cypher', 'apoc:graphml']) {
          const m = what === 'apoc:graphml' ? apoc : measure(started.uri, what);
          const perSecond = Math.round(m.elements / (m.ms / 1000));
          opts.log(`${what} ${size}: ${m.elements} elements in ${m.ms} ms (${perSecond}/s), ${(m.bytes / 1e6).toFixed(1)} MB, peak RSS ${m.maxRssMb} MB`);
          rows.push({
            case: `${what} ${size}`,
            elements: m.elements,
            ms: m.ms,
            elementsPerSecond: perSecond,
            mb: Math.round(m.bytes / 1e5) / 10,
            peakRssMb: m.maxRssMb,
            speedVsApoc: what === 'apoc:graphml' ? 1 : Math.round((apoc.ms / m.ms) * 100) / 100,
          });
        }
      } finally {
        await driver.close();
        if (started.started) await stopLocalNeo4j(home(size));
        if (opts.quick) rmSync(path.join(root, home(size)), { recursive: true, force: true });
      }
    }
    const rss = (what: string, size: number) => Number(rows.find((r) => r.case === `${what} ${size}`)?.peakRssMb ?? 0);
    const notes = opts.quick
      ? []
      : ['helix:graphml', 'helix:cypher'].map((w) => `${w}: peak RSS growth 100k -> 1M = ${rss(w, 1_000_000) - rss(w, 100_000)} MB (goal < 256)`);
    return { rows, notes };
  },
};

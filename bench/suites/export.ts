import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import neo4j from 'neo4j-driver';
import { startLocalNeo4j, stopLocalNeo4j, freePort } from '../../src/local-neo4j/local-neo4j.js';
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
  /** Before the first element (GraphML: the key pre-pass). */
  prepareMs?: number;
  maxRssMb: number;
}

function measure(uri: string, what: string): Measured | { error: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'bench/export-child.ts'), uri, what], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1024 * 1024,
  });
  if (r.status !== 0) {
    const reason = /OutOfMemory|Connection was closed by server/.test(r.stderr) ? 'Neo4j went away (heap exhausted?)' : r.stderr.split('\n').find((l) => l.includes('Error')) ?? 'failed';
    return { error: `${what}: ${reason}` };
  }
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Measured;
}


export default {
  name: 'export',
  description:
    'helix export (GraphML, Cypher) vs apoc.export.graphml.all {stream:true}, end to end to the client process, on a synthetic graph of 100k and 1M elements: elements/s, peak RSS of the exporting process, ratio to APOC',
  async run(opts: { quick: boolean; log: (line: string) => void }) {
    // HELIX_BENCH_EXPORT_SIZES=1000000 measures one size only (e.g. after a run was interrupted).
    const chosen = process.env.HELIX_BENCH_EXPORT_SIZES?.split(',').map(Number).filter((n) => n > 0);
    const sizes = opts.quick ? [2_000] : chosen?.length ? chosen : [100_000, 1_000_000];
    const rows: Array<Record<string, string | number | null>> = [];
    const notes: string[] = [];
    for (const size of sizes) {
      const started = await startLocalNeo4j({ home: home(size), port: await freePort(), heap: '1g', pagecache: '512m', log: opts.log });
      const driver = neo4j.driver(started.uri);
      try {
        await ensureExportGraph(driver, size, opts.log);
        // APOC last: when it exhausts the heap (it does at 1M with 1g), the Helix figures are already in.
        const measured = ['helix:graphml', 'helix:cypher', 'apoc:graphml'].map((what) => ({ what, m: measure(started.uri, what) }));
        const apoc = measured[2]!.m;
        for (const { what, m } of measured) {
          if ('error' in m) {
            opts.log(m.error);
            notes.push(`${size}: ${m.error}`);
            rows.push({ case: `${what} ${size}`, elements: null, ms: null, prepareMs: null, elementsPerSecond: null, mb: null, peakRssMb: null, speedVsApoc: null });
            continue;
          }
          const perSecond = Math.round(m.elements / (m.ms / 1000));
          opts.log(`${what} ${size}: ${m.elements} elements in ${m.ms} ms (${perSecond}/s), ${(m.bytes / 1e6).toFixed(1)} MB, peak RSS ${m.maxRssMb} MB`);
          rows.push({
            case: `${what} ${size}`,
            elements: m.elements,
            ms: m.ms,
            prepareMs: m.prepareMs ?? null,
            elementsPerSecond: perSecond,
            mb: Math.round(m.bytes / 1e5) / 10,
            peakRssMb: m.maxRssMb,
            speedVsApoc: 'error' in apoc ? null : Math.round((apoc.ms / m.ms) * 100) / 100,
          });
        }
      } finally {
        await driver.close();
        if (started.started) await stopLocalNeo4j(home(size));
        if (opts.quick) rmSync(path.join(root, home(size)), { recursive: true, force: true });
      }
    }
    const rss = (what: string, size: number) => Number(rows.find((r) => r.case === `${what} ${size}`)?.peakRssMb ?? 0);
    if (!opts.quick) {
      for (const w of ['helix:graphml', 'helix:cypher']) notes.push(`${w}: peak RSS growth 100k -> 1M = ${rss(w, 1_000_000) - rss(w, 100_000)} MB (goal < 256)`);
    }
    return { rows, notes };
  },
};

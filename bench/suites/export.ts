import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import neo4j from 'neo4j-driver';
import { startLocalNeo4j, stopLocalNeo4j, freePort } from '../../src/local-neo4j/local-neo4j.js';
import { ensureExportGraph, removeExportGraph } from '../export-graph.js';

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


/** Rounds run in one process (bench/run-all.ts): the count rotates the exporters' order. */
let rounds = 0;
const rotate = <T>(xs: T[], by: number): T[] => xs.map((_, i) => xs[(i + by) % xs.length]!);

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
    const round = rounds++;
    for (const size of sizes) {
      // Quick mode (CI) exercises the code on the Neo4j it is given (the test instance: a start of its own was most of
      // the quick run) and removes its synthetic graph after; measured runs always use their own instance.
      const shared = opts.quick ? process.env.NEO4J_URI : undefined;
      const started = shared
        ? { uri: shared, started: false }
        : await startLocalNeo4j({ home: home(size), port: await freePort(), heap: '1g', pagecache: '512m', log: opts.log });
      const driver = neo4j.driver(started.uri);
      try {
        await ensureExportGraph(driver, size, opts.log);
        // Warm the store first: Neo4j was (re)started for this round, and whichever exporter ran first used to pay
        // every cold page read (GraphML measured 3–6× slower when first than when second, APOC likewise).
        const warm = performance.now();
        await driver.executeQuery('MATCH (n) WITH n, properties(n) AS p RETURN count(p)');
        await driver.executeQuery('MATCH ()-[r]->() WITH r, properties(r) AS p RETURN count(p)');
        // Then one untimed pass of the whole graph over Bolt (a Helix Cypher export): Neo4j's freshly started JVM
        // compiles its read path during the first long export, which cost whichever exporter came first 10–15 s
        // (measured: GraphML 21.4 s first, 9.9 s second; Cypher 22.6 s first, 6.9 s second, 100k elements).
        const warmup = measure(started.uri, 'helix:cypher');
        opts.log(`export bench: store and JIT warmed in ${Math.round(performance.now() - warm)} ms${'error' in warmup ? ` (${warmup.error})` : ''}`);
        // The order rotates per round, so that no exporter always runs first (a JIT-cold Cypher runtime); APOC is
        // never measured before the Helix exporters at 1M, where it exhausts a 1g heap and takes Neo4j down.
        const order = rotate(['helix:graphml', 'helix:cypher'], round).concat('apoc:graphml');
        const measured = order.map((what) => ({ what, m: measure(started.uri, what) }));
        const apoc = measured.find((x) => x.what === 'apoc:graphml')!.m;
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
        if (shared) await removeExportGraph(driver);
        await driver.close();
        if (started.started) await stopLocalNeo4j(home(size));
        if (opts.quick && !shared) rmSync(path.join(root, home(size)), { recursive: true, force: true });
      }
    }
    const rss = (what: string, size: number) => Number(rows.find((r) => r.case === `${what} ${size}`)?.peakRssMb ?? 0);
    if (!opts.quick) {
      for (const w of ['helix:graphml', 'helix:cypher']) notes.push(`${w}: peak RSS growth 100k -> 1M = ${rss(w, 1_000_000) - rss(w, 100_000)} MB (goal < 256)`);
    }
    return { rows, notes };
  },
};

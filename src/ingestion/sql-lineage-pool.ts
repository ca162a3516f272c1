import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ColumnLineageInput } from '../../ingest/dbt/sql/types.js';

/** Inputs per message: large enough that messaging costs nothing next to parsing, small enough to balance load. */
const CHUNK = 32;

/** Workers for a machine: one per core the process may use, at most `max`. */
export function sqlLineageWorkerCount(max = 8): number {
  return Math.max(1, Math.min(max, os.availableParallelism()));
}

/**
 * Derives column lineage of many models on worker threads (node-sql-parser is CPU-bound and synchronous). Results
 * come back as JSON text in input order, whatever worker finished first, so the caller stays deterministic.
 * The workers live for one call: an ingestion is rare and long next to their start-up (~0.2 s).
 */
export async function deriveOnWorkers(inputs: ColumnLineageInput[], workers = sqlLineageWorkerCount(), chunk = CHUNK): Promise<string[]> {
  const results: string[] = new Array(inputs.length);
  const chunks: Array<{ id: number; start: number; inputs: ColumnLineageInput[] }> = [];
  for (let start = 0; start < inputs.length; start += chunk) chunks.push({ id: chunks.length, start, inputs: inputs.slice(start, start + chunk) });
  const pool = Array.from({ length: Math.min(workers, chunks.length) }, () => startWorker());
  try {
    let next = 0;
    await Promise.all(
      pool.map(async (worker) => {
        while (next < chunks.length) {
          const chunk = chunks[next++]!;
          const answer = await ask(worker, chunk);
          answer.forEach((r, i) => (results[chunk.start + i] = r));
        }
      }),
    );
    return results;
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

function startWorker(): Worker {
  // From TypeScript sources (tsx, vitest) the worker is a .ts file and needs tsx's loader; built code runs the .js.
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(`./sql-lineage-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  const worker = fromSource
    ? new Worker(
        `import(${JSON.stringify(tsxApiUrl())}).then((api) => { api.register(); return import(${JSON.stringify(url.href)}); })`,
        { eval: true },
      )
    : new Worker(url);
  // A worker that fails is reported through ask(); this keeps a late failure from crashing the process.
  worker.on('error', () => {});
  return worker;
}

/** tsx's ESM registration API, as its package exports declare it. */
function tsxApiUrl(): string {
  const pkgFile = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(path.join(path.dirname(pkgFile), pkg.exports['./esm/api']!.import.default)).href;
}

function ask(worker: Worker, chunk: { id: number; inputs: ColumnLineageInput[] }): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const onMessage = (msg: { id: number; results: string[] }) => {
      if (msg.id !== chunk.id) return;
      cleanup();
      resolve(msg.results);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new Error(`SQL lineage worker exited with code ${code}`));
    };
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage({ id: chunk.id, inputs: chunk.inputs });
  });
}

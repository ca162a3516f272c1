import { readFileSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { HelixError } from '../errors.js';
import type { IngestIssue, MappedGraph, StreamedBatch } from '../../ingest/core/graph.js';
import { countIssues } from './record.js';
import { emptyReport, mergeReports } from './write-report.js';
import { writeGraph } from './writer.js';
import type { IngestionRun, RunResult } from './lifecycle.js';

/** One unit of a provenance source: a whole document, or a stream of batches for large line-oriented files. */
export type DocumentUnit =
  | { file: string; scope: string; map: () => MappedGraph }
  | { file: string; scope: string; stream: () => AsyncGenerator<StreamedBatch> };

/**
 * Writes each document of a provenance source as a snapshot of its own scope (re-ingesting a changed file replaces
 * what that file said; other files are untouched), under one Ingestion record. A retry re-runs every document
 * (idempotent MERGEs); the lifecycle (lifecycle.ts) owns the record, retries and stops.
 */
export async function runDocuments(run: IngestionRun, input: string, units: DocumentUnit[], extraIssues: IngestIssue[] = []): Promise<RunResult> {
  const { exec, kind } = run;
  const began = performance.now();
  if (units.length === 0) throw new HelixError('BAD_USER_INPUT', `no ${kind} input found at ${input}`);
  await run.begin({ scope: `${kind}:*` });
  const report = emptyReport();
  const issues: IngestIssue[] = [...extraIssues];
  const stats: Record<string, number> = { files: units.length, unreadable: 0 };
  let done = 0;
  let batches = 0;
  run.partial(() => ({ kind, source: input, scope: `${kind}:*`, status: 'failed', write: report, issues, issueCounts: countIssues(issues), stats, timingsMs: {} }));
  // Subscribers (ingestionProgress) and `helix ingest` see each document, and each batch of a stream, as it lands.
  const checkpoint = (file: string) => run.checkpoint(done, { filesDone: done, files: units.length, batches, file: path.basename(file) });
  {
    for (const u of units) {
      const write = (g: MappedGraph, deleteMissing: boolean) =>
        writeGraph(exec, g, { scope: u.scope, deleteMissing, allowMassDelete: true, ingestionId: run.id, ctx: { op: `ingest ${kind}` } });
      if ('map' in u) {
        let g: MappedGraph;
        try {
          g = u.map();
        } catch (error) {
          stats.unreadable!++;
          issues.push({ severity: 'error', code: 'DOCUMENT_UNREADABLE', message: (error as Error).message, file: u.file });
          continue;
        }
        const r = await write(g, true);
        mergeReports(report, r.report);
        issues.push(...g.issues, ...r.issues);
        for (const [k, v] of Object.entries(g.stats ?? {})) stats[k] = (stats[k] ?? 0) + v;
      } else {
        for await (const batch of u.stream()) {
          const r = await write(batch, false);
          mergeReports(report, r.report);
          issues.push(...batch.issues, ...r.issues);
          batches++;
          await checkpoint(u.file);
        }
      }
      done++;
      run.progress(done, units.length, path.basename(u.file));
      await checkpoint(u.file);
    }
  }
  const timingsMs = { total: Math.round(performance.now() - began) };
  return { kind, source: input, scope: `${kind}:*`, status: 'completed', write: report, issues, issueCounts: countIssues(issues), stats, timingsMs };
}

/** Every file under `input` (or `input` itself), sorted, filtered by `accept`. */
export async function listInputFiles(input: string, accept: (file: string) => boolean): Promise<string[]> {
  const stat = statSync(input, { throwIfNoEntry: false });
  if (!stat) throw new HelixError('BAD_USER_INPUT', `${input} does not exist`);
  if (!stat.isDirectory()) return [input];
  const out: string[] = [];
  const walk = async (dir: string) => {
    for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) await walk(full);
      else if (accept(full)) out.push(full);
    }
  };
  await walk(input);
  return out;
}

export const readText = (file: string) => readFileSync(file, 'utf8');

import { readFileSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Executor } from '../../src/db/executor.js';
import { HelixError } from '../../src/errors.js';
import type { IngestIssue, MappedGraph, StreamedBatch } from '../core/graph.js';
import { IngestionRecord, countIssues, type IngestionReport } from '../core/ingestion.js';
import { emptyReport, mergeReports } from '../core/write-report.js';
import { writeGraph } from '../core/writer.js';
import { withRetry } from './retry.js';
import type { IngestRunOptions } from './types.js';

/** One unit of a provenance source: a whole document, or a stream of batches for large line-oriented files. */
export type DocumentUnit =
  | { file: string; scope: string; map: () => MappedGraph }
  | { file: string; scope: string; stream: () => AsyncGenerator<StreamedBatch> };

/**
 * Writes each document of a provenance source as a snapshot of its own scope (re-ingesting a changed file replaces
 * what that file said; other files are untouched), under one Ingestion record.
 */
export async function runDocuments(exec: Executor, kind: string, input: string, units: DocumentUnit[], o: IngestRunOptions, extraIssues: IngestIssue[] = []): Promise<IngestionReport> {
  const began = performance.now();
  if (units.length === 0) throw new HelixError('BAD_USER_INPUT', `no ${kind} input found at ${input}`);
  const record = await IngestionRecord.start(exec, { kind, source: input, scope: `${kind}:*`, id: o.ingestionId });
  const report = emptyReport();
  const issues: IngestIssue[] = [...extraIssues];
  const stats: Record<string, number> = { files: units.length, unreadable: 0 };
  let done = 0;
  let batches = 0;
  // Subscribers (ingestionProgress) and `helix ingest` see each document, and each batch of a stream, as it lands.
  const checkpoint = (file: string) => record.checkpoint(done, { filesDone: done, files: units.length, batches, file: path.basename(file) });
  try {
    for (const u of units) {
      const write = (g: MappedGraph, deleteMissing: boolean) =>
        withRetry(() => writeGraph(exec, g, { scope: u.scope, deleteMissing, allowMassDelete: true, ingestionId: record.id, ctx: { op: `ingest ${kind}` } }));
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
      o.onProgress?.(done, units.length, path.basename(u.file));
      await checkpoint(u.file);
    }
  } catch (error) {
    const failed = { kind, source: input, scope: `${kind}:*`, status: 'failed' as const, write: report, issues, issueCounts: countIssues(issues), stats, timingsMs: {}, error: (error as Error).message };
    await record.finish(failed, Math.round(performance.now() - began));
    throw error;
  }
  const timingsMs = { total: Math.round(performance.now() - began) };
  const result = { kind, source: input, scope: `${kind}:*`, status: 'completed' as const, write: report, issues, issueCounts: countIssues(issues), stats, timingsMs };
  await record.finish(result, timingsMs.total);
  return { id: record.id, urn: record.urn, ...result };
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

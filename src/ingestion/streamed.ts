import pLimit from 'p-limit';
import { HelixError } from '../errors.js';
import type { IngestIssue, StreamedBatch } from '../../ingest/core/graph.js';
import { IngestionRecord, countIssues } from './record.js';
import { emptyReport, mergeReports } from './write-report.js';
import { writeGraph } from './writer.js';
import type { IngestionRun, RunResult } from './lifecycle.js';
import type { Executor } from '../db/executor.js';

/** A reader's batch is written in statements of up to this many rows: one statement per kind for typical batches. */
const STREAMED_WRITE_CHUNK = 5000;

export interface StreamSource {
  file: string;
  /** Ownership scope of what this file writes, e.g. 'bio:hgnc-tsv:hgnc_complete_set.txt'. */
  scope: string;
  /** Sources of one phase run in parallel (bounded); phases run in order (HGNC genes before annotations). */
  phase: number;
  read: (skip: number) => AsyncGenerator<StreamedBatch>;
  /** Called with every batch after it is written (e.g. to learn genes for later phases). */
  afterBatch?: (batch: StreamedBatch) => void;
}

export interface StreamedRunOptions {
  source: string;
  sources: StreamSource[];
  concurrency?: number;
  extraIssues?: IngestIssue[];
  /** Several files describe the same entity (an alignment report and its manifest): accumulate their properties. */
  mergeProps?: boolean;
}

/**
 * Streams every source batch by batch through the shared writer. After each batch the Ingestion node records how
 * many records of each file are consumed, so an ingestion killed at any point resumes (`--resume <id>`, or the
 * lifecycle's retry, or another worker taking the job over) where it stopped; batches are idempotent MERGEs, so a
 * batch written twice (killed before its checkpoint) is harmless.
 */
export async function runStreamed(run: IngestionRun, o: StreamedRunOptions): Promise<RunResult> {
  const { exec, kind } = run;
  const resume = run.options.resume;
  const began = performance.now();
  if (resume && !(await IngestionRecord.find(exec, resume))) {
    throw new HelixError('BAD_USER_INPUT', `no ingestion with id ${resume} to resume`);
  }
  const positions: Record<string, number> = resume ? await resumePositions(exec, resume) : {};
  await run.begin({ scope: `${kind}:*` });
  const report = emptyReport();
  const issues: IngestIssue[] = [...(o.extraIssues ?? [])];
  const stats: Record<string, number> = { files: o.sources.length, batches: 0, records: 0 };
  let checkpointing = Promise.resolve();
  const checkpoint = () =>
    (checkpointing = checkpointing.then(() =>
      run.checkpoint(Object.values(positions).reduce((a, b) => a + b, 0), { files: positions }),
    ));
  run.partial(() => result('failed'));

  const runSource = async (s: StreamSource) => {
    const start = positions[s.file] ?? 0;
    for await (const batch of s.read(start)) {
      const { report: r, issues: writeIssues } = await writeGraph(exec, batch, {
        scope: s.scope,
        deleteMissing: false,
        mergeProps: o.mergeProps,
        batchSize: STREAMED_WRITE_CHUNK,
        ctx: { op: `ingest ${kind}` },
      });
      mergeReports(report, r);
      issues.push(...batch.issues, ...writeIssues);
      stats.batches!++;
      stats.records! += batch.position - (positions[s.file] ?? 0);
      positions[s.file] = batch.position;
      s.afterBatch?.(batch);
      await checkpoint();
      run.progress(stats.records!, stats.records!, `${s.file.split('/').pop()}`);
    }
  };

  try {
    const limit = pLimit(o.concurrency ?? 2);
    const phases = [...new Set(o.sources.map((s) => s.phase))].sort((a, b) => a - b);
    for (const phase of phases) {
      await Promise.all(o.sources.filter((s) => s.phase === phase).map((s) => limit(() => runSource(s))));
    }
  } finally {
    // The last checkpoint lands before the lifecycle records the end (a resume starts after it).
    await checkpointing.catch(() => undefined);
  }
  return result('completed');

  function result(status: 'completed' | 'failed'): RunResult {
    return {
      kind,
      source: o.source,
      scope: `${kind}:*`,
      status,
      write: report,
      issues,
      issueCounts: countIssues(issues),
      stats: { ...stats, resumedFrom: Object.keys(positions).length > 0 && resume ? 1 : 0 },
      timingsMs: { total: Math.round(performance.now() - began) },
    };
  }
}

async function resumePositions(exec: Executor, id: string): Promise<Record<string, number>> {
  const row = await IngestionRecord.find(exec, id);
  if (!row) return {};
  const progress = typeof row.progressJson === 'string' ? JSON.parse(row.progressJson) : {};
  return { ...(progress.files ?? {}) };
}

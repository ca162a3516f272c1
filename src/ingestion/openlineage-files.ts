import type { IngestIssue } from '../../ingest/core/graph.js';
import { countIssues } from './record.js';
import { emptyReport, mergeReports } from './write-report.js';
import { readOpenLineageFile } from '../../ingest/openlineage/index.js';
import { listInputFiles } from './documents.js';
import { ingestOpenLineage, OPENLINEAGE_SCOPE, type OpenLineageInput } from './openlineage.js';
import { withLifecycle, type RunResult } from './lifecycle.js';

/** `helix ingest openlineage <file|dir>`: NDJSON, JSON arrays or single events; invalid ones become issues. */
export const runOpenLineageIngest = withLifecycle('openlineage', async (run, input) => {
  const { exec } = run;
  const began = performance.now();
  const files = await listInputFiles(input, (f) => /\.(json|ndjson|jsonl)$/i.test(f));
  await run.begin({ scope: OPENLINEAGE_SCOPE });
  const report = emptyReport();
  const issues: IngestIssue[] = [];
  const stats = { files: files.length, events: 0, accepted: 0, rejected: 0, unreadable: 0 };
  run.partial(() => ({ kind: 'openlineage', source: input, scope: OPENLINEAGE_SCOPE, status: 'failed', write: report, issues, issueCounts: countIssues(issues), stats, timingsMs: {} }));
  const flush = async (batch: OpenLineageInput[]) => {
    if (batch.length === 0) return;
    const r = await ingestOpenLineage(exec, batch);
    mergeReports(report, r.report);
    issues.push(...r.issues);
    for (const rej of r.rejected) {
      const src = batch[rej.index]!;
      issues.push({ severity: 'error', code: 'OL_EVENT_REJECTED', message: rej.errors.join('; '), file: src.file, line: src.line });
    }
    stats.accepted += r.accepted;
    stats.rejected += r.rejected.length;
    // The number of events in a stream is not known before its end: no total.
    run.progress(stats.events, 0, 'events read');
  };
  const unreadableFiles: string[] = [];
  for (const file of files) {
    let batch: OpenLineageInput[] = [];
    // Errors wait until the file has yielded one event: a file with none is not JSON at all (one error, not one
    // per word), a file with some is NDJSON with bad lines (one error per bad line, the good events kept).
    let pending: IngestIssue[] = [];
    let readable = false;
    const lines = new Set<number>();
    for await (const item of readOpenLineageFile(file)) {
      if (item.error) {
        if (lines.has(item.line)) continue;
        lines.add(item.line);
        const issue: IngestIssue = { severity: 'error', code: 'OL_UNREADABLE', message: item.error, file, line: item.line };
        if (readable) issues.push(issue);
        else pending.push(issue);
        continue;
      }
      if (!readable) {
        readable = true;
        issues.push(...pending);
        pending = [];
      }
      stats.events++;
      batch.push({ event: item.event, file, line: item.line });
      if (batch.length >= 200) await flush(batch.splice(0));
    }
    await flush(batch);
    batch = [];
    if (readable) stats.unreadable += lines.size;
    else if (pending.length > 0) {
      unreadableFiles.push(file);
      const first = pending[0]!;
      issues.push({ severity: 'error', code: 'OL_FILE_NOT_JSON', message: `not JSON or NDJSON (${first.message}, line ${first.line})`, file, line: first.line });
    }
  }
  const timingsMs = { total: Math.round(performance.now() - began) };
  const error = unreadableFiles.length === 0
    ? undefined
    : unreadableFiles.length === 1
      ? `${unreadableFiles[0]} is not OpenLineage JSON or NDJSON`
      : `${unreadableFiles.length} files are not OpenLineage JSON or NDJSON: ${unreadableFiles.slice(0, 3).join(', ')}${unreadableFiles.length > 3 ? ', ...' : ''}`;
  const status = error ? ('failed' as const) : ('completed' as const);
  const done: RunResult = { kind: 'openlineage', source: input, scope: OPENLINEAGE_SCOPE, status, write: report, issues, issueCounts: countIssues(issues), stats, timingsMs, ...(error ? { error } : {}) };
  return done;
});

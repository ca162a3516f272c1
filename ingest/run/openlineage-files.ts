import type { IngestIssue } from '../core/graph.js';
import { IngestionRecord, countIssues } from '../core/ingestion.js';
import { emptyReport, mergeReports } from '../core/write-report.js';
import { readOpenLineageFile } from '../openlineage/index.js';
import { listInputFiles } from './documents.js';
import { ingestOpenLineage, OPENLINEAGE_SCOPE, type OpenLineageInput } from './openlineage.js';
import type { IngestRunner } from './types.js';

/** `helix ingest openlineage <file|dir>`: NDJSON, JSON arrays or single events; invalid ones become issues. */
export const runOpenLineageIngest: IngestRunner = async (exec, input, o) => {
  const began = performance.now();
  const files = await listInputFiles(input, (f) => /\.(json|ndjson|jsonl)$/i.test(f));
  const record = await IngestionRecord.start(exec, { kind: 'openlineage', source: input, scope: OPENLINEAGE_SCOPE, id: o.ingestionId });
  const report = emptyReport();
  const issues: IngestIssue[] = [];
  const stats = { files: files.length, events: 0, accepted: 0, rejected: 0 };
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
    o.onProgress?.(stats.events, stats.events, 'events');
  };
  for (const file of files) {
    let batch: OpenLineageInput[] = [];
    for await (const item of readOpenLineageFile(file)) {
      stats.events++;
      if (item.error) {
        issues.push({ severity: 'error', code: 'OL_UNREADABLE', message: item.error, file, line: item.line });
        continue;
      }
      batch.push({ event: item.event, file, line: item.line });
      if (batch.length >= 200) await flush(batch.splice(0));
    }
    await flush(batch);
    batch = [];
  }
  const timingsMs = { total: Math.round(performance.now() - began) };
  const done = { kind: 'openlineage', source: input, scope: OPENLINEAGE_SCOPE, status: 'completed' as const, write: report, issues, issueCounts: countIssues(issues), stats, timingsMs };
  await record.finish(done, timingsMs.total);
  return { id: record.id, urn: record.urn, ...done };
};

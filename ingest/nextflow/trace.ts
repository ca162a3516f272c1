import path from 'node:path';
import type { StreamedBatch } from '../core/graph.js';
import { readTable } from '../common/delimited.js';
import { GraphBuilder } from '../common/graph-builder.js';
import { maxIso, minIso, durationMs } from '../common/time.js';
import { workflowUrn } from '../common/urns.js';
import { mapTask, nextflowRunUrn, type RawValue } from './tasks.js';

export interface NextflowTraceOptions {
  /** Run the trace belongs to (a trace file does not name it); default: the name of the file's directory. */
  runName?: string;
  /** Pipeline name (manifest name or repository); default `nextflow:<runName>`. */
  workflowName?: string;
  /** Task rows per batch; default 500. */
  batchSize?: number;
}

/**
 * A Nextflow `-with-trace` TSV, streamed: every task row becomes a StepRun of the run (`urn:nextflow:run:<runName>`)
 * and an instance of its process Step. The column set is whatever the header says; human-formatted values are
 * converted (see human-format.ts), unreadable ones reported as BAD_NUMBER. The last batch carries the Run's
 * summary (task counts, first submit, last completion, and a status when every task finished).
 */
export async function* readNextflowTrace(file: string, opts: NextflowTraceOptions = {}): AsyncGenerator<StreamedBatch> {
  const runName = opts.runName ?? path.basename(path.dirname(path.resolve(file)));
  const runUrn = nextflowRunUrn(runName);
  const jobUrn = workflowUrn(opts.workflowName ?? `nextflow:${runName}`);
  const batchSize = opts.batchSize ?? 500;
  let header: string[] = [];
  let b = new GraphBuilder();
  b.node(jobUrn, ['Job'], { name: opts.workflowName ?? runName, kind: 'nextflow' });
  b.node(runUrn, ['Run'], { runId: runName, name: runName, kind: 'nextflow' });
  b.edge('INSTANCE_OF', runUrn, jobUrn);
  let position = 0;
  let inBatch = 0;
  const summary = { submits: [] as Array<string | undefined>, ends: [] as Array<string | undefined>, statuses: new Map<string, number>() };
  let noteLocalTime = true;
  const onHeader = (columns: string[], line: number) => {
    header = columns;
    if (!header.includes('task_id') && !header.includes('hash')) {
      b.issue({ severity: 'error', code: 'NEXTFLOW_TRACE_NO_HEADER', message: `first line is not a trace header: ${columns.join(' ').slice(0, 120)}`, file, line });
    }
  };
  // Cells as written (a trace quotes nothing; no '#' comments); the width check and the row shape (last of a repeated
  // column wins, missing cells are undefined) are the trace's own.
  for await (const { cells: record, line } of readTable(file, { delimiter: '\t', commentPrefix: '', unquote: false, onHeader })) {
    position += 1;
    if (record.length !== header.length) {
      b.issue({ severity: 'warning', code: 'NEXTFLOW_TRACE_ROW_WIDTH', message: `row has ${record.length} fields, header has ${header.length}`, file, line });
    }
    const row: Record<string, RawValue> = {};
    header.forEach((column, i) => (row[column] = record[i]));
    const urn = mapTask({ b, runUrn, jobUrn, file }, row, line);
    const task = urn ? b.getNode(urn) : undefined;
    if (task) {
      summary.submits.push(task.props.submittedAt as string | undefined);
      summary.ends.push(task.props.endedAt as string | undefined);
      const status = String(task.props.rawStatus ?? 'UNKNOWN').toUpperCase();
      summary.statuses.set(status, (summary.statuses.get(status) ?? 0) + 1);
      if (noteLocalTime && typeof row.submit === 'string' && /^\d{4}-\d\d-\d\d \d/.test(row.submit)) {
        b.issue({ severity: 'info', code: 'NEXTFLOW_TRACE_LOCAL_TIME', message: 'trace times carry no time zone; read as UTC', file });
        noteLocalTime = false;
      }
    }
    inBatch += 1;
    if (inBatch >= batchSize) {
      yield { ...b.build(), position };
      b = new GraphBuilder();
      inBatch = 0;
    }
  }
  b.node(runUrn, ['Run'], runSummary(runName, summary));
  yield { ...b.build(), position };
}

function runSummary(
  runName: string,
  summary: { submits: Array<string | undefined>; ends: Array<string | undefined>; statuses: Map<string, number> },
) {
  const count = (...names: string[]) => names.reduce((n, s) => n + (summary.statuses.get(s) ?? 0), 0);
  const total = [...summary.statuses.values()].reduce((a, n) => a + n, 0);
  const startedAt = minIso(summary.submits);
  const active = count('NEW', 'SUBMITTED', 'RUNNING');
  // A trace does not say how the run ended (failed tasks may have been retried or ignored), so only
  // "all tasks done without failure" and "tasks still active" are concluded.
  const status = active > 0 ? 'running' : total > 0 && count('COMPLETED', 'CACHED') === total ? 'completed' : 'unknown';
  const endedAt = status === 'completed' ? maxIso(summary.ends) : undefined;
  return {
    runId: runName,
    name: runName,
    kind: 'nextflow',
    status,
    startedAt,
    endedAt,
    durationMs: durationMs(startedAt, endedAt),
    taskCount: total,
    completedTaskCount: count('COMPLETED'),
    cachedTaskCount: count('CACHED'),
    failedTaskCount: count('FAILED'),
    abortedTaskCount: count('ABORTED'),
  };
}

import type { Props } from '../core/graph.js';
import type { GraphBuilder } from '../common/graph-builder.js';
import { statusFromNextflow } from '../common/run-status.js';
import { parseTime } from '../common/time.js';
import { stepUrn } from '../common/urns.js';
import { camelCase, jsonProp } from '../common/values.js';
import { isMissing, parseDuration, parseInteger, parsePercent, parseSize } from './human-format.js';
import { nextflowRunUrn } from '../common/urns.js';

export { nextflowRunUrn };

export type RawValue = string | number | boolean | null | undefined;

export function nextflowTaskUrn(runUrn: string, taskId: string): string {
  return `${runUrn}:task:${taskId}`;
}

/** Tower/weblog camelCase task fields → the trace file's column names. */
const ALIASES: Record<string, string> = {
  taskId: 'task_id', nativeId: 'native_id', pcpu: '%cpu', pmem: '%mem', peakRss: 'peak_rss', peakVmem: 'peak_vmem',
  readBytes: 'read_bytes', writeBytes: 'write_bytes', volCtxt: 'vol_ctxt', invCtxt: 'inv_ctxt', errorAction: 'error_action',
  machineType: 'machine_type', cloudZone: 'cloud_zone', priceModel: 'price_model', cpuModel: 'cpu_model',
};

const TEXT = ['hash', 'native_id', 'name', 'process', 'tag', 'workdir', 'container', 'queue', 'executor', 'hostname',
  'error_action', 'machine_type', 'cloud_zone', 'price_model', 'cpu_model', 'script', 'scratch', 'env', 'module'];
const INTEGER = ['attempt', 'cpus', 'syscr', 'syscw', 'vol_ctxt', 'inv_ctxt'];
const TIME = ['submit', 'start', 'complete'];
const DURATION = ['duration', 'realtime', 'time'];
const SIZE = ['memory', 'disk', 'rss', 'vmem', 'peak_rss', 'peak_vmem', 'rchar', 'wchar', 'read_bytes', 'write_bytes'];
const PERCENT = ['%cpu', '%mem'];
const HANDLED = new Set([...TEXT, ...INTEGER, ...TIME, ...DURATION, ...SIZE, ...PERCENT, 'task_id', 'status', 'exit']);

/** Nextflow reports "no exit code yet" as Integer.MAX_VALUE. */
const UNFINISHED_EXIT = 2147483647;

export interface TaskContext {
  b: GraphBuilder;
  runUrn: string;
  jobUrn?: string;
  file?: string;
}

/** A value that could not be read, reported by the caller with its location. */
export interface BadValue {
  column: string;
  value: string;
}

/** One task record — a trace row, a Tower `tasks[]` item or a weblog `trace` — as a StepRun of the run. */
export function mapTask(ctx: TaskContext, raw: Record<string, RawValue>, line?: number): string | undefined {
  const record: Record<string, RawValue> = {};
  for (const [key, value] of Object.entries(raw)) record[ALIASES[key] ?? key] = value;
  const taskId = text(record.task_id) ?? (text(record.hash) ? `hash:${text(record.hash)}` : undefined);
  if (!taskId) {
    ctx.b.issue({ severity: 'warning', code: 'NEXTFLOW_TASK_WITHOUT_ID', message: 'task record has neither task_id nor hash', file: ctx.file, line, subject: ctx.runUrn });
    return undefined;
  }
  const bad: BadValue[] = [];
  const props = taskProps(record, bad);
  for (const { column, value } of bad) {
    ctx.b.issue({ severity: 'warning', code: 'BAD_NUMBER', message: `task ${taskId}: ${column} '${value}' is not readable`, file: ctx.file, line, subject: ctx.runUrn });
  }
  const urn = ctx.b.node(nextflowTaskUrn(ctx.runUrn, taskId), ['StepRun', 'Run'], { runId: taskId, kind: 'nextflow', taskId, ...props });
  ctx.b.edge('PART_OF_RUN', urn, ctx.runUrn);
  const process = props.process as string | undefined;
  if (ctx.jobUrn && process) {
    const step = ctx.b.node(stepUrn(ctx.jobUrn, process), ['Step'], { name: process });
    ctx.b.edge('HAS_STEP', ctx.jobUrn, step);
    ctx.b.edge('INSTANCE_OF', urn, step);
  }
  return urn;
}

function taskProps(record: Record<string, RawValue>, bad: BadValue[]): Props {
  const read = <T>(column: string, parse: (v: string | number | null | undefined) => T | undefined | null): T | undefined => {
    const v = record[column];
    if (typeof v === 'boolean') return undefined;
    const parsed = parse(v);
    if (parsed === null) bad.push({ column, value: String(v) });
    return parsed ?? undefined;
  };
  const rawStatus = text(record.status);
  const status = rawStatus ? (statusFromNextflow(rawStatus) ?? 'unknown') : 'unknown';
  const exit = read('exit', parseInteger);
  const submit = time(record.submit);
  const start = time(record.start);
  const duration = read('duration', parseDuration);
  let complete = time(record.complete);
  const terminal = status === 'completed' || status === 'failed' || status === 'cancelled';
  // Without a `complete` column the end is the submit time plus the wall-clock duration.
  if (!complete && terminal && submit && duration !== undefined) {
    complete = parseTime(new Date(submit.epochMs + duration).toISOString());
  }
  const name = text(record.name);
  const nameParts = name ? /^(.*?)\s*\((.*)\)\s*$/.exec(name) : null;
  const extra: Record<string, RawValue> = {};
  for (const [key, value] of Object.entries(record)) if (!HANDLED.has(key) && value !== null && value !== undefined) extra[key] = value;
  const props: Props = {
    name,
    process: text(record.process) ?? (nameParts ? nameParts[1] : name),
    tag: text(record.tag) ?? nameParts?.[2],
    status,
    rawStatus,
    cached: rawStatus?.toUpperCase() === 'CACHED' || undefined,
    exitCode: exit === UNFINISHED_EXIT ? undefined : exit,
    submittedAt: submit?.iso,
    startedAt: start?.iso ?? submit?.iso,
    endedAt: terminal ? complete?.iso : undefined,
    durationMs: duration,
    realtimeMs: read('realtime', parseDuration),
    timeLimitMs: read('time', parseDuration),
    cpuPercent: read('%cpu', parsePercent),
    memPercent: read('%mem', parsePercent),
    extraJson: jsonProp(extra),
    lastEventTime: (complete ?? start ?? submit)?.iso,
    lastEventRank: terminal ? 3 : status === 'running' ? 2 : 1,
  };
  for (const column of INTEGER) props[camelCase(column)] = read(column, parseInteger);
  for (const column of SIZE) {
    props[column.endsWith('_bytes') ? camelCase(column) : `${camelCase(column)}Bytes`] = read(column, parseSize);
  }
  for (const column of TEXT) if (!['name', 'process', 'tag'].includes(column)) props[camelCase(column)] = text(record[column]);
  return props;
}

function text(value: RawValue): string | undefined {
  if (value === null || value === undefined || typeof value === 'boolean') return undefined;
  const s = String(value);
  return isMissing(s) ? undefined : s;
}

function time(value: RawValue) {
  if (value === null || value === undefined || typeof value === 'boolean') return undefined;
  if (typeof value === 'string' && isMissing(value)) return undefined;
  // With `trace.raw = true` times are epoch milliseconds, written as digits.
  if (typeof value === 'string' && /^\d{11,}$/.test(value.trim())) return parseTime(Number(value));
  return parseTime(value);
}

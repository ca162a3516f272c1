import type { MappedGraph } from '../core/graph.js';
import { GraphBuilder } from '../common/graph-builder.js';
import { normalizeStatus } from '../common/run-status.js';
import { durationMs, toUtcIso } from '../common/time.js';
import { agentUrn, fileUrn } from '../common/urns.js';
import { asArray, asNumber, asString, isObject, jsonProp, parametersHash, type JsonObject } from '../common/values.js';
import { provenanceListsIn, provenanceRecordProps } from './provenance-records.js';
import { strategyJobUrn, strategyRunUrn, strategyStepRunUrn, strategyStepUrn } from './urns.js';

export interface StrategyJobsOptions {
  file?: string;
  /** Prefix of user agent ids (`urn:agent:user:<platform>:<user>`); default 'biomapper'. */
  platform?: string;
}

/** First defined value among alternative column names (snake_case table rows, camelCase API objects). */
function pick(row: JsonObject, ...keys: string[]): unknown {
  for (const key of keys) if (row[key] !== undefined && row[key] !== null) return row[key];
  return undefined;
}

/** JSON columns arrive as objects or as JSON text. */
function jsonValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const t = value.trim();
  if (!(t.startsWith('{') || t.startsWith('['))) return value;
  try {
    return JSON.parse(t);
  } catch {
    return value;
  }
}

/**
 * Strategy-platform job records as Runs: accepts a list of jobs, one job, or the platform's tables
 * `{jobs, execution_steps, result_storage, execution_checkpoints}` (rows joined on job_id). Jobs may embed their
 * `steps`/`execution_steps`, `results` and `provenance`.
 */
export function mapStrategyJobs(input: unknown, opts: StrategyJobsOptions = {}): MappedGraph {
  const b = new GraphBuilder();
  const tables = normalizeInput(input);
  const stepsByJob = groupBy(tables.steps, (r) => asString(pick(r, 'job_id', 'jobId')));
  const resultsByJob = groupBy(tables.results, (r) => asString(pick(r, 'job_id', 'jobId')));
  for (const job of tables.jobs) {
    const id = asString(pick(job, 'id', 'job_id', 'jobId'));
    if (!id) {
      b.issue({ severity: 'error', code: 'STRATEGY_JOB_WITHOUT_ID', message: 'job record has no id', file: opts.file });
      continue;
    }
    const steps = [...asArray(pick(job, 'steps', 'execution_steps')).filter(isObject), ...(stepsByJob.get(id) ?? [])];
    const results = [...asArray(pick(job, 'results', 'result_storage')).filter(isObject), ...(resultsByJob.get(id) ?? [])];
    mapJob(b, job, id, steps, results, opts);
    stepsByJob.delete(id);
    resultsByJob.delete(id);
  }
  for (const [jobId, rows] of [...stepsByJob, ...resultsByJob]) {
    b.issue({
      severity: 'warning',
      code: 'STRATEGY_ORPHAN_ROWS',
      message: `${rows.length} step/result rows reference job ${jobId ?? '(none)'} which is not in the input`,
      file: opts.file,
    });
  }
  if (tables.checkpoints.length > 0) {
    b.count('checkpointsNotMapped', tables.checkpoints.length);
    b.issue({ severity: 'info', code: 'STRATEGY_CHECKPOINTS_SKIPPED', message: `${tables.checkpoints.length} execution checkpoints not mapped (resumable state, not provenance)`, file: opts.file });
  }
  return b.build();
}

/** The same, from JSON text. */
export function mapStrategyJobsJson(text: string, opts: StrategyJobsOptions = {}): MappedGraph {
  try {
    return mapStrategyJobs(JSON.parse(text), opts);
  } catch (err) {
    const b = new GraphBuilder();
    b.issue({ severity: 'error', code: 'STRATEGY_JOBS_INVALID_JSON', message: (err as Error).message, file: opts.file });
    return b.build();
  }
}

interface Tables {
  jobs: JsonObject[];
  steps: JsonObject[];
  results: JsonObject[];
  checkpoints: JsonObject[];
}

function normalizeInput(input: unknown): Tables {
  if (Array.isArray(input)) return { jobs: input.filter(isObject), steps: [], results: [], checkpoints: [] };
  if (!isObject(input)) return { jobs: [], steps: [], results: [], checkpoints: [] };
  if (Array.isArray(input.jobs) || Array.isArray(input.execution_steps)) {
    return {
      jobs: asArray(input.jobs).filter(isObject),
      steps: asArray(input.execution_steps).filter(isObject),
      results: asArray(input.result_storage).filter(isObject),
      checkpoints: asArray(input.execution_checkpoints).filter(isObject),
    };
  }
  return { jobs: [input], steps: [], results: [], checkpoints: [] };
}

function groupBy(rows: JsonObject[], key: (r: JsonObject) => string | undefined): Map<string | undefined, JsonObject[]> {
  const out = new Map<string | undefined, JsonObject[]>();
  for (const row of rows) {
    const k = key(row);
    out.set(k, [...(out.get(k) ?? []), row]);
  }
  return out;
}

function mapJob(b: GraphBuilder, job: JsonObject, id: string, steps: JsonObject[], results: JsonObject[], opts: StrategyJobsOptions): void {
  const strategy = asString(pick(job, 'strategy_name', 'strategyName', 'strategy'));
  const jobUrn = strategy ? strategyJobUrn(strategy, asString(pick(job, 'strategy_version', 'strategyVersion'))) : undefined;
  const runUrn = strategyRunUrn(id);
  const params = jsonValue(pick(job, 'input_parameters', 'inputParameters', 'parameters'));
  const startedAt = toUtcIso(pick(job, 'started_at', 'startedAt'));
  const endedAt = toUtcIso(pick(job, 'completed_at', 'completedAt', 'finished_at'));
  const finalResults = jsonValue(pick(job, 'final_results', 'finalResults'));
  const rawStatus = asString(pick(job, 'status'));
  b.node(runUrn, ['Run'], {
    runId: id,
    kind: 'strategy',
    name: asString(pick(job, 'name')),
    status: normalizeStatus(rawStatus),
    rawStatus,
    createdAt: toUtcIso(pick(job, 'created_at', 'createdAt')),
    startedAt,
    endedAt,
    durationMs: asNumber(pick(job, 'duration_ms', 'durationMs')) ?? durationMs(startedAt, endedAt),
    currentStepIndex: asNumber(pick(job, 'current_step_index', 'currentStepIndex')),
    totalSteps: asNumber(pick(job, 'total_steps', 'totalSteps')),
    progressPercentage: asNumber(pick(job, 'progress_percentage', 'progressPercentage', 'progress')),
    parametersJson: jsonProp(params),
    parametersHash: parametersHash(params),
    executionOptionsJson: jsonProp(jsonValue(pick(job, 'execution_options', 'executionOptions'))),
    resultsJson: jsonProp(finalResults),
    error: asString(pick(job, 'error_message', 'errorMessage', 'error')),
    errorDetailsJson: jsonProp(jsonValue(pick(job, 'error_details', 'errorDetails', 'error_traceback'))),
    tags: tagList(jsonValue(pick(job, 'tags'))),
  });
  if (jobUrn) {
    b.reference(jobUrn, ['Job'], { name: strategy, kind: 'strategy', version: asString(pick(job, 'strategy_version', 'strategyVersion')) });
    b.edge('INSTANCE_OF', runUrn, jobUrn);
  } else {
    b.issue({ severity: 'warning', code: 'STRATEGY_JOB_WITHOUT_STRATEGY', message: `job ${id} names no strategy`, file: opts.file, subject: runUrn });
  }
  const user = asString(pick(job, 'user_id', 'userId', 'created_by', 'owner'));
  if (user) {
    const agent = b.reference(agentUrn('user', `${opts.platform ?? 'biomapper'}:${user}`), ['Agent'], { kind: 'user', name: user });
    b.edge('WAS_ASSOCIATED_WITH', runUrn, agent, { role: 'submitter' });
  }
  for (const step of steps) mapStepRun(b, step, id, runUrn, jobUrn, opts);
  for (const result of results) mapResult(b, result, runUrn, opts);
  mapProvenance(b, runUrn, provenanceListsIn(job, finalResults));
  b.count('strategyRuns');
}

function mapStepRun(b: GraphBuilder, step: JsonObject, jobId: string, runUrn: string, jobUrn: string | undefined, opts: StrategyJobsOptions): void {
  const index = asNumber(pick(step, 'step_index', 'stepIndex', 'index'));
  const name = asString(pick(step, 'step_name', 'stepName', 'name'));
  if (index === undefined && !name) {
    b.issue({ severity: 'warning', code: 'STRATEGY_STEP_ROW_INVALID', message: `step row of job ${jobId} has neither step_index nor step_name`, file: opts.file, subject: runUrn });
    return;
  }
  const urn = strategyStepRunUrn(jobId, index ?? name!);
  const startedAt = toUtcIso(pick(step, 'started_at', 'startedAt'));
  const endedAt = toUtcIso(pick(step, 'completed_at', 'completedAt'));
  const inputs = jsonValue(pick(step, 'input_params', 'inputParams'));
  const outputs = jsonValue(pick(step, 'output_results', 'outputResults'));
  const rawStatus = asString(pick(step, 'status'));
  b.node(urn, ['StepRun', 'Run'], {
    runId: `${jobId}:${index ?? name}`,
    kind: 'strategy',
    name,
    position: index,
    actionType: asString(pick(step, 'action_type', 'actionType')),
    status: normalizeStatus(rawStatus),
    rawStatus,
    startedAt,
    endedAt,
    durationMs: asNumber(pick(step, 'duration_ms', 'durationMs')) ?? durationMs(startedAt, endedAt),
    parametersJson: jsonProp(inputs),
    parametersHash: parametersHash(inputs),
    resultsJson: jsonProp(outputs),
    recordsProcessed: asNumber(pick(step, 'records_processed', 'recordsProcessed')),
    recordsMatched: asNumber(pick(step, 'records_matched', 'recordsMatched')),
    recordsFailed: asNumber(pick(step, 'records_failed', 'recordsFailed')),
    confidenceScore: asNumber(pick(step, 'confidence_score', 'confidenceScore')),
    error: asString(pick(step, 'error_message', 'errorMessage', 'error')),
  });
  b.edge('PART_OF_RUN', urn, runUrn);
  if (jobUrn && name) {
    const stepDef = b.reference(strategyStepUrn(jobUrn, name), ['Step'], { name, actionType: asString(pick(step, 'action_type', 'actionType')) });
    b.edge('INSTANCE_OF', urn, stepDef);
    b.edge('HAS_STEP', jobUrn, stepDef);
  }
  mapProvenance(b, urn, provenanceListsIn(step, outputs));
  b.count('strategyStepRuns');
}

function mapResult(b: GraphBuilder, result: JsonObject, runUrn: string, opts: StrategyJobsOptions): void {
  const sha256 = asString(pick(result, 'sha256', 'checksum_sha256', 'checksum'));
  const path = asString(pick(result, 'storage_path', 'file_path', 'path', 'location', 'uri'));
  if (!sha256 && !path) {
    b.issue({ severity: 'warning', code: 'STRATEGY_RESULT_UNIDENTIFIED', message: 'result row has neither sha256 nor path', file: opts.file, subject: runUrn });
    return;
  }
  const urn = b.node(fileUrn(sha256 ?? path!), ['File'], {
    path,
    sha256,
    name: asString(pick(result, 'result_key', 'name', 'filename')),
    sizeBytes: asNumber(pick(result, 'size_bytes', 'file_size', 'size')),
    format: asString(pick(result, 'format', 'content_type', 'mime_type')),
    createdAt: toUtcIso(pick(result, 'created_at', 'createdAt')),
  });
  b.edge('WAS_GENERATED_BY', urn, runUrn);
}

function mapProvenance(b: GraphBuilder, ownerUrn: string, records: unknown[]): void {
  records.forEach((record, i) => {
    const props = provenanceRecordProps(record, i);
    if (!props) {
      b.issue({ severity: 'warning', code: 'STRATEGY_PROVENANCE_INVALID', message: `provenance record ${i} is neither an object nor a string`, subject: ownerUrn });
      return;
    }
    const urn = b.node(`${ownerUrn}:provenance:${i}`, ['ProvenanceRecord'], props);
    b.edge('HAS_PROVENANCE', ownerUrn, urn);
    b.count('provenanceRecords');
  });
}

function tagList(value: unknown): string[] | undefined {
  const list = asArray(value).map(asString).filter((s): s is string => s !== undefined);
  return list.length > 0 ? list : undefined;
}

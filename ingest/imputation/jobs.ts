import { normalizeStatus } from '../common/run-status.js';
import { durationMs, maxIso, toUtcIso } from '../common/time.js';
import { agentUrn, fileUrn } from '../common/urns.js';
import { isObject, jsonProp, parametersHash } from '../common/values.js';
import {
  imputationRunUrn,
  jobTypeUrn,
  jsonColumn,
  numColumn,
  imputationPanelUrn,
  statusUpdateUrn,
  strColumn,
  boolColumn,
  type ImputationContext,
  type Row,
} from './context.js';

/** file_records: File nodes keyed by sha256 (else by stored path). */
export function mapFileRecords(ctx: ImputationContext, rows: Row[]): void {
  for (const entry of rows) {
    const { row } = entry;
    if (row.id) ctx.fileById.set(row.id, entry);
    const urn = fileRecordUrn(ctx, row);
    ctx.b.node(urn, ['File'], {
      name: strColumn(row.original_filename) ?? strColumn(row.filename),
      path: strColumn(row.file_path),
      sizeBytes: numColumn(row.file_size),
      fileType: strColumn(row.file_type),
      mimeType: strColumn(row.mime_type),
      md5: strColumn(row.checksum_md5),
      sha256: strColumn(row.checksum_sha256),
      createdAt: toUtcIso(row.created_at),
    });
    ctx.b.count('files');
  }
}

function fileRecordUrn(ctx: ImputationContext, row: Record<string, string | null>): string {
  return fileUrn(strColumn(row.checksum_sha256) ?? strColumn(row.file_path) ?? `${ctx.platform}:file:${row.uuid ?? row.id}`);
}

/** imputation_jobs: one Run per job, instance of its service's job type, using its reference panel and input. */
export function mapJobs(ctx: ImputationContext, rows: Row[]): Set<string> {
  const jobIds = new Set<string>();
  for (const { row, line, file } of rows) {
    const id = strColumn(row.id);
    if (!id) {
      ctx.b.issue({ severity: 'error', code: 'IMPUTATION_JOB_WITHOUT_ID', message: 'imputation job row without id', file, line });
      continue;
    }
    jobIds.add(id);
    const runUrn = imputationRunUrn(id);
    const response = jsonColumn(row.service_response);
    const startedAt = toUtcIso(row.started_at);
    const endedAt = toUtcIso(row.completed_at);
    const seconds = numColumn(row.execution_time_seconds);
    const panel = resolvePanel(ctx, runUrn, row.reference_panel_id, file, line);
    const settings = {
      build: strColumn(row.build),
      input_format: strColumn(row.input_format),
      phasing: boolColumn(row.phasing),
      population: strColumn(row.population),
      reference_panel: panel,
    };
    const externalState = isObject(response) ? (response.state ?? response.status) : undefined;
    ctx.b.node(runUrn, ['Run'], {
      runId: id,
      kind: 'imputation',
      name: strColumn(row.name),
      description: strColumn(row.description),
      status: normalizeStatus(row.status),
      rawStatus: strColumn(row.status),
      externalStatus: externalState === undefined ? undefined : normalizeStatus(externalState),
      progressPercentage: numColumn(row.progress_percentage),
      externalJobId: strColumn(row.external_job_id),
      inputFormat: settings.input_format,
      build: settings.build,
      phasing: settings.phasing,
      population: settings.population,
      inputFileName: strColumn(row.input_file_name),
      inputFileSize: numColumn(row.input_file_size),
      createdAt: toUtcIso(row.created_at),
      updatedAt: toUtcIso(row.updated_at),
      startedAt,
      endedAt,
      durationMs: seconds !== undefined ? seconds * 1000 : durationMs(startedAt, endedAt),
      error: strColumn(row.error_message),
      parametersJson: jsonProp(settings),
      parametersHash: parametersHash(settings),
      serviceResponseJson: jsonProp(response),
    });
    linkService(ctx, runUrn, row.service_id, file, line);
    if (panel) ctx.b.edge('USED', runUrn, imputationPanelUrn(panel), { role: 'referencePanel' });
    linkInput(ctx, runUrn, id, row);
    if (row.user_id) {
      const user = ctx.b.reference(agentUrn('user', `${ctx.platform}:${row.user_id}`), ['Agent'], { kind: 'user', name: row.user_id });
      ctx.b.edge('WAS_ASSOCIATED_WITH', runUrn, user, { role: 'submitter' });
    }
    const parent = strColumn(row.parent_job_id);
    if (parent) {
      ctx.b.reference(imputationRunUrn(parent), ['Run'], { runId: parent, kind: 'imputation' });
      ctx.b.edge('CHILD_OF', runUrn, imputationRunUrn(parent));
    }
    ctx.b.count('jobs');
  }
  return jobIds;
}

function linkService(ctx: ImputationContext, runUrn: string, serviceId: string | null | undefined, file?: string, line?: number): void {
  if (!serviceId) return;
  let key = ctx.serviceKeyById.get(serviceId);
  if (!key) {
    key = `service-${serviceId}`;
    ctx.b.issue({ severity: 'warning', code: 'IMPUTATION_SERVICE_UNRESOLVED', message: `service id ${serviceId} is not in the given dumps; referenced as ${key}`, file, line, subject: runUrn });
    ctx.b.reference(jobTypeUrn(key), ['Job'], { name: key, kind: 'imputation' });
    ctx.b.reference(agentUrn('service', key), ['Agent'], { kind: 'service', name: key });
  }
  ctx.b.edge('INSTANCE_OF', runUrn, jobTypeUrn(key));
  ctx.b.edge('WAS_ASSOCIATED_WITH', runUrn, agentUrn('service', key), { role: 'service' });
}

/** The panel key of a job's reference_panel_id; an id missing from the dumps becomes a `panel-<id>` reference. */
function resolvePanel(ctx: ImputationContext, runUrn: string, panelId: string | null | undefined, file?: string, line?: number): string | undefined {
  if (!panelId) return undefined;
  let key = ctx.panelKeyById.get(panelId);
  if (!key) {
    key = `panel-${panelId}`;
    ctx.b.issue({ severity: 'warning', code: 'IMPUTATION_PANEL_UNRESOLVED', message: `reference panel id ${panelId} is not in the given dumps; referenced as ${key}`, file, line, subject: runUrn });
    ctx.b.reference(imputationPanelUrn(key), ['ReferencePanel'], { name: key });
  }
  return key;
}

function linkInput(ctx: ImputationContext, runUrn: string, jobId: string, row: Record<string, string | null>): void {
  const record = row.input_file_id ? ctx.fileById.get(row.input_file_id) : undefined;
  if (record) {
    ctx.b.edge('USED', runUrn, fileRecordUrn(ctx, record.row), { role: 'input' });
    return;
  }
  const name = strColumn(row.input_file_name);
  if (!name) return;
  // Without a stored file record the upload is only known by name, so it is scoped to its job.
  const urn = ctx.b.node(fileUrn(`${ctx.platform}:job:${jobId}/${name}`), ['File'], {
    name,
    sizeBytes: numColumn(row.input_file_size),
    platformFileId: strColumn(row.input_file_id),
  });
  ctx.b.edge('USED', runUrn, urn, { role: 'input' });
}

/** file_records that belong to a job and are not its input: outputs of that job. */
export function linkJobFiles(ctx: ImputationContext, jobIds: Set<string>, inputIds: Set<string>): void {
  for (const [id, { row }] of ctx.fileById) {
    const jobId = strColumn(row.job_id);
    if (!jobId || inputIds.has(id)) continue;
    if (!jobIds.has(jobId)) ctx.b.reference(imputationRunUrn(jobId), ['Run'], { runId: jobId, kind: 'imputation' });
    ctx.b.edge('WAS_GENERATED_BY', fileRecordUrn(ctx, row), imputationRunUrn(jobId));
  }
}

/** job_status_updates: the job's timeline as StatusUpdate nodes; the latest one sets the Run's lastEventTime. */
export function mapStatusUpdates(ctx: ImputationContext, rows: Row[], jobIds: Set<string>): void {
  const latest = new Map<string, string>();
  for (const { row, line, file } of rows) {
    const jobId = strColumn(row.job_id);
    const timestamp = toUtcIso(row.timestamp);
    if (!jobId || !timestamp) {
      ctx.b.issue({ severity: 'warning', code: 'IMPUTATION_STATUS_UPDATE_INVALID', message: 'status update without job_id or timestamp', file, line });
      continue;
    }
    const runUrn = imputationRunUrn(jobId);
    if (!jobIds.has(jobId)) {
      ctx.b.reference(runUrn, ['Run'], { runId: jobId, kind: 'imputation' });
      ctx.b.issue({ severity: 'info', code: 'IMPUTATION_STATUS_FOR_UNKNOWN_JOB', message: `status update for job ${jobId} not in the dumps`, file, line, subject: runUrn });
    }
    let urn = statusUpdateUrn(jobId, timestamp);
    if (ctx.b.has(urn)) urn = `${urn}:${row.id}`;
    ctx.b.node(urn, ['StatusUpdate'], {
      status: normalizeStatus(row.status),
      rawStatus: strColumn(row.status),
      progressPercentage: numColumn(row.progress_percentage),
      message: strColumn(row.message),
      detailsJson: jsonProp(jsonColumn(row.details)),
      timestamp,
      sequence: numColumn(row.id),
    });
    ctx.b.edge('HAS_STATUS_UPDATE', runUrn, urn);
    latest.set(jobId, maxIso([latest.get(jobId), timestamp])!);
    ctx.b.count('statusUpdates');
  }
  for (const [jobId, time] of latest) {
    const node = ctx.b.getNode(imputationRunUrn(jobId));
    if (node) node.props.lastEventTime = time;
  }
}

import { eventLimitErrors } from './limits.js';
import { loadFacetSchemas, type FacetContainer, type FacetSchemaSet } from './facet-schemas.js';
import { parseTime } from '../common/time.js';
import { isObject, isUuid } from '../common/values.js';

export type OpenLineageEventKind = 'RunEvent' | 'DatasetEvent' | 'JobEvent';

export interface OpenLineageValidation {
  ok: boolean;
  kind: OpenLineageEventKind;
  /** Reasons to reject the event (HTTP 400), as Marquez rejects it. */
  errors: string[];
  /** Accepted but worth telling the producer: missing producer/schemaURL, custom or invalid facets. */
  warnings: string[];
}

export interface ValidateOptions {
  /** Directory of OpenLineage JSON schemas; default $HELIX_OPENLINEAGE_SCHEMAS. */
  schemaDir?: string;
  /** Already loaded schemas; `null` disables facet checks without the "skipped" warning. */
  facetSchemas?: FacetSchemaSet | null;
}

const EVENT_TYPES = new Set(['START', 'RUNNING', 'COMPLETE', 'ABORT', 'FAIL', 'OTHER']);

/**
 * The event kind as Marquez resolves it: the last segment of `schemaURL` (`…#/$defs/JobEvent`) when it names a
 * kind, otherwise the shape (a `dataset` and no `run`/`job` is a DatasetEvent, a `job` without `run` or
 * `eventType` is a JobEvent), otherwise RunEvent. `eventType` alone never decides it.
 */
export function detectEventKind(event: unknown): OpenLineageEventKind {
  if (!isObject(event)) return 'RunEvent';
  if (typeof event.schemaURL === 'string') {
    const last = event.schemaURL.slice(event.schemaURL.lastIndexOf('/') + 1);
    if (last === 'RunEvent' || last === 'DatasetEvent' || last === 'JobEvent') return last;
  }
  if ('dataset' in event && !('run' in event) && !('job' in event)) return 'DatasetEvent';
  if ('job' in event && !('run' in event) && !('eventType' in event)) return 'JobEvent';
  return 'RunEvent';
}

export function validateOpenLineageEvent(event: unknown, opts: ValidateOptions = {}): OpenLineageValidation {
  const kind = detectEventKind(event);
  const errors: string[] = [];
  const warnings: string[] = [];
  if (!isObject(event)) {
    return { ok: false, kind, errors: ['event must be a JSON object'], warnings };
  }
  // Sizes and depth first: nothing below walks an event that could overflow the stack or an index key.
  const limits = eventLimitErrors(event);
  if (limits.length > 0) return { ok: false, kind, errors: limits, warnings };

  checkEventTime(event.eventTime, errors, warnings);
  if (kind === 'RunEvent') {
    checkRun(event.run, errors);
    checkJob(event.job, errors);
    checkEventType(event.eventType, warnings);
  } else if (kind === 'JobEvent') {
    checkJob(event.job, errors);
    if (event.eventType !== undefined) warnings.push('eventType is ignored on a JobEvent');
  } else {
    checkDataset(event.dataset, 'dataset', errors);
  }
  if (kind !== 'DatasetEvent') {
    checkDatasetList(event.inputs, 'inputs', errors);
    checkDatasetList(event.outputs, 'outputs', errors);
  }
  if (typeof event.producer !== 'string' || event.producer.trim() === '') warnings.push('producer is missing');
  if (typeof event.schemaURL !== 'string' || event.schemaURL.trim() === '') warnings.push('schemaURL is missing');

  const schemas = opts.facetSchemas === undefined ? loadFacetSchemas(opts.schemaDir) : opts.facetSchemas;
  if (schemas === undefined) {
    warnings.push('facet schema checks skipped: no OpenLineage schema directory (set HELIX_OPENLINEAGE_SCHEMAS)');
  } else if (schemas !== null) {
    for (const [where, container, facets] of facetLocations(event, kind)) {
      checkFacets(schemas, where, container, facets, warnings);
    }
  }
  return { ok: errors.length === 0, kind, errors, warnings };
}

function checkEventTime(value: unknown, errors: string[], warnings: string[]): void {
  if (value === undefined || value === null) {
    errors.push('eventTime is required');
    return;
  }
  const parsed = parseTime(value);
  if (typeof value !== 'string' || !parsed) {
    errors.push(`eventTime must be an ISO-8601 date-time, got ${JSON.stringify(value)}`);
  } else if (parsed.assumedUtc) {
    warnings.push(`eventTime '${value}' has no UTC offset; read as UTC`);
  }
}

function checkRun(run: unknown, errors: string[]): void {
  if (!isObject(run)) {
    errors.push(run === undefined || run === null ? 'run is required' : 'run must be an object');
    return;
  }
  if (run.runId === undefined || run.runId === null || run.runId === '') errors.push('run.runId is required');
  else if (!isUuid(run.runId)) errors.push(`run.runId must be a UUID, got ${JSON.stringify(run.runId)}`);
}

function checkJob(job: unknown, errors: string[]): void {
  if (!isObject(job)) {
    errors.push(job === undefined || job === null ? 'job is required' : 'job must be an object');
    return;
  }
  requireString(job.namespace, 'job.namespace', errors);
  requireString(job.name, 'job.name', errors);
}

function checkDataset(dataset: unknown, where: string, errors: string[]): void {
  if (!isObject(dataset)) {
    errors.push(dataset === undefined || dataset === null ? `${where} is required` : `${where} must be an object`);
    return;
  }
  requireString(dataset.namespace, `${where}.namespace`, errors);
  requireString(dataset.name, `${where}.name`, errors);
}

function checkDatasetList(list: unknown, where: string, errors: string[]): void {
  if (list === undefined || list === null) return;
  if (!Array.isArray(list)) {
    errors.push(`${where} must be an array`);
    return;
  }
  list.forEach((dataset, i) => checkDataset(dataset, `${where}[${i}]`, errors));
}

function requireString(value: unknown, where: string, errors: string[]): void {
  if (value === undefined || value === null || value === '') errors.push(`${where} is required`);
  else if (typeof value !== 'string') errors.push(`${where} must be a string`);
}

function checkEventType(value: unknown, warnings: string[]): void {
  if (value === undefined || value === null) warnings.push('eventType is missing; the run state is not changed');
  else if (typeof value !== 'string' || !EVENT_TYPES.has(value.toUpperCase())) {
    warnings.push(`eventType ${JSON.stringify(value)} is not one of ${[...EVENT_TYPES].join(', ')}`);
  }
}

type FacetLocation = [where: string, container: FacetContainer, facets: unknown];

function facetLocations(event: Record<string, unknown>, kind: OpenLineageEventKind): FacetLocation[] {
  const out: FacetLocation[] = [];
  if (isObject(event.run)) out.push(['run.facets', 'run', event.run.facets]);
  if (isObject(event.job)) out.push(['job.facets', 'job', event.job.facets]);
  if (kind === 'DatasetEvent' && isObject(event.dataset)) out.push(['dataset.facets', 'dataset', event.dataset.facets]);
  for (const side of ['inputs', 'outputs'] as const) {
    const list = event[side];
    if (!Array.isArray(list)) continue;
    list.forEach((ds, i) => {
      if (!isObject(ds)) return;
      out.push([`${side}[${i}].facets`, 'dataset', ds.facets]);
      if (side === 'inputs') out.push([`${side}[${i}].inputFacets`, 'inputDataset', ds.inputFacets]);
      else out.push([`${side}[${i}].outputFacets`, 'outputDataset', ds.outputFacets]);
    });
  }
  return out;
}

function checkFacets(
  schemas: FacetSchemaSet,
  where: string,
  container: FacetContainer,
  facets: unknown,
  warnings: string[],
): void {
  if (facets === undefined || facets === null) return;
  if (!isObject(facets)) {
    warnings.push(`${where} must be an object of facets`);
    return;
  }
  for (const [key, value] of Object.entries(facets)) {
    const check = schemas.check(container, key, value);
    if (check.kind === 'custom') {
      warnings.push(
        check.knownIn.length > 0
          ? `facet ${where}.${key} is a standard facet of ${check.knownIn.join('/')}, not of ${container}`
          : `custom facet ${where}.${key} (no schema known)`,
      );
    } else if (check.kind === 'invalid') {
      warnings.push(`invalid facet ${where}.${key}: ${check.message}`);
    } else if (check.kind === 'unchecked') {
      warnings.push(`facet ${where}.${key} not checked: ${check.message}`);
    }
  }
}

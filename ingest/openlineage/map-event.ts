import type { MappedGraph, Props } from '../core/graph.js';
import { GraphBuilder } from '../common/graph-builder.js';
import { parseTime } from '../common/time.js';
import { agentUrn, olEventUrn, olJobUrn, olRunUrn, softwareAgentId } from '../common/urns.js';

export { olEventUrn, olJobUrn, olRunUrn };
import { asArray, asNumber, asString, isObject, jsonProp, type JsonObject } from '../common/values.js';
import { mapColumnLineage } from './column-lineage.js';
import { DatasetMapper, type ResolveDataset } from './datasets.js';
import { runPropsFromEvent } from './run-state.js';
import { validateOpenLineageEvent, type OpenLineageValidation } from './validate.js';

export interface MapOpenLineageOptions {
  /** Existing capsule urn for a dataset (same physical table), used instead of a new Dataset node. */
  resolveDataset?: ResolveDataset;
  /** Result of validateOpenLineageEvent when the caller already has it. */
  validation?: OpenLineageValidation;
  /** OpenLineage schema directory for validation (default $HELIX_OPENLINEAGE_SCHEMAS). */
  schemaDir?: string;
  /** Where the event came from, for issues. */
  file?: string;
  line?: number;
}

/**
 * One OpenLineage event (RunEvent, DatasetEvent or JobEvent) as graph. An event that fails validation yields only
 * an error issue. Run state props follow `runPropsFromEvent`; the writer applies them with `mergeRunState`
 * semantics so out-of-order delivery converges.
 */
export function mapOpenLineageEvent(event: unknown, opts: MapOpenLineageOptions = {}): MappedGraph {
  const b = new GraphBuilder();
  const validation = opts.validation ?? validateOpenLineageEvent(event, { schemaDir: opts.schemaDir });
  const where = { file: opts.file, line: opts.line };
  if (!validation.ok || !isObject(event)) {
    b.issue({ severity: 'error', code: 'OL_INVALID_EVENT', message: validation.errors.join('; '), ...where });
    return b.build();
  }
  for (const warning of validation.warnings) {
    b.issue({ severity: 'warning', code: 'OL_EVENT_WARNING', message: warning, ...where });
  }
  const datasets = new DatasetMapper(b, opts.resolveDataset);
  if (validation.kind === 'RunEvent') mapRunEvent(b, datasets, event, validation);
  else if (validation.kind === 'JobEvent') mapJobEvent(b, datasets, event);
  else datasets.describe(event.dataset as JsonObject);
  b.count(validation.kind);
  return b.build();
}

function mapJob(b: GraphBuilder, job: JsonObject): string {
  const namespace = String(job.namespace);
  const name = String(job.name);
  const facets = isObject(job.facets) ? job.facets : {};
  const facet = (key: string): JsonObject => (isObject(facets[key]) ? facets[key] : {});
  return b.node(olJobUrn(namespace, name), ['Job'], {
    name,
    namespace,
    kind: 'openlineage',
    description: asString(facet('documentation').description),
    sql: asString(facet('sql').query),
    sqlDialect: asString(facet('sql').dialect),
    jobType: asString(facet('jobType').jobType),
    integration: asString(facet('jobType').integration),
    processingType: asString(facet('jobType').processingType),
    sourceCodeUrl: asString(facet('sourceCodeLocation').url),
    sourceCodeType: asString(facet('sourceCodeLocation').type),
    facetsJson: jsonProp(facets),
  });
}

/**
 * Table lineage the way Marquez draws it: dataset -> job -> dataset. Every input FLOWS_TO the job and the job
 * FLOWS_TO every output (runs and JobEvents alike), so lineage, impact and lineagePath walk OpenLineage datasets,
 * jobs and the dbt capsules they resolve to with the same FLOWS_TO traversal as dbt lineage; the run-level
 * USED/WAS_GENERATED_BY edges stay the provenance (which run, when).
 */
function mapRunEvent(b: GraphBuilder, datasets: DatasetMapper, event: JsonObject, validation: OpenLineageValidation): void {
  const run = event.run as JsonObject;
  const runId = String(run.runId);
  const eventType = typeof event.eventType === 'string' ? event.eventType.toUpperCase() : 'UNSPECIFIED';
  const eventTime = parseTime(event.eventTime)?.iso ?? String(event.eventTime);
  const jobUrn = mapJob(b, event.job as JsonObject);
  const runUrn = b.node(olRunUrn(runId), ['Run'], runPropsFromEvent(event));
  b.edge('INSTANCE_OF', runUrn, jobUrn);

  const eventUrn = b.node(olEventUrn(runId, eventType, eventTime), ['RunEvent'], {
    eventType,
    eventTime,
    rawJson: JSON.stringify(event),
    producer: asString(event.producer),
    schemaURL: asString(event.schemaURL),
    warnings: validation.warnings,
  });
  b.edge('OF_RUN', eventUrn, runUrn);

  const facets = isObject(run.facets) ? run.facets : {};
  mapParent(b, runUrn, jobUrn, facets.parent);
  mapAgents(b, runUrn, asString(event.producer), facets.processing_engine);

  for (const input of asArray(event.inputs).filter(isObject)) {
    const urn = datasets.describe(input);
    b.edge('USED', runUrn, urn, datasetEdgeProps(input, 'inputFacets'));
    b.edge('FLOWS_TO', urn, jobUrn);
  }
  for (const output of asArray(event.outputs).filter(isObject)) {
    const urn = datasets.describe(output);
    b.edge('WAS_GENERATED_BY', urn, runUrn, datasetEdgeProps(output, 'outputFacets'));
    b.edge('FLOWS_TO', jobUrn, urn);
    if (isObject(output.facets)) mapColumnLineage(b, datasets, urn, output.facets.columnLineage);
  }
}

/** A JobEvent is static lineage: the job's declared inputs and outputs, with no run. */
function mapJobEvent(b: GraphBuilder, datasets: DatasetMapper, event: JsonObject): void {
  const jobUrn = mapJob(b, event.job as JsonObject);
  for (const input of asArray(event.inputs).filter(isObject)) {
    const urn = datasets.describe(input);
    b.edge('USED', jobUrn, urn, { static: true });
    b.edge('FLOWS_TO', urn, jobUrn);
  }
  for (const output of asArray(event.outputs).filter(isObject)) {
    const urn = datasets.describe(output);
    b.edge('WAS_GENERATED_BY', urn, jobUrn, { static: true });
    b.edge('FLOWS_TO', jobUrn, urn);
    if (isObject(output.facets)) mapColumnLineage(b, datasets, urn, output.facets.columnLineage);
  }
}

function datasetEdgeProps(ds: JsonObject, key: 'inputFacets' | 'outputFacets'): Props {
  const facets = isObject(ds[key]) ? ds[key] : {};
  const stats = isObject(facets.outputStatistics)
    ? facets.outputStatistics
    : isObject(facets.inputStatistics)
      ? facets.inputStatistics
      : isObject(facets.dataQualityMetrics)
        ? facets.dataQualityMetrics
        : {};
  const version = isObject(ds.facets) && isObject(ds.facets.version) ? asString(ds.facets.version.datasetVersion) : undefined;
  return {
    rowCount: asNumber(stats.rowCount),
    sizeBytes: asNumber(stats.size ?? stats.bytes),
    fileCount: asNumber(stats.fileCount),
    datasetVersion: version,
    [`${key}Json`]: jsonProp(facets),
  };
}

function mapParent(b: GraphBuilder, runUrn: string, jobUrn: string, parent: unknown): void {
  if (!isObject(parent)) return;
  const job = isObject(parent.job) ? parent.job : undefined;
  const parentJobUrn =
    job && typeof job.namespace === 'string' && typeof job.name === 'string'
      ? b.reference(olJobUrn(job.namespace, job.name), ['Job'], { name: job.name, namespace: job.namespace, kind: 'openlineage' })
      : undefined;
  if (parentJobUrn && parentJobUrn !== jobUrn) b.edge('CHILD_OF', jobUrn, parentJobUrn);
  const parentRunId = isObject(parent.run) ? asString(parent.run.runId) : undefined;
  if (parentRunId) {
    const parentRunUrn = b.reference(olRunUrn(parentRunId), ['Run'], { runId: parentRunId, kind: 'openlineage' });
    if (parentRunUrn !== runUrn) b.edge('CHILD_OF', runUrn, parentRunUrn);
    if (parentJobUrn) b.edge('INSTANCE_OF', parentRunUrn, parentJobUrn);
  } else {
    b.issue({ severity: 'warning', code: 'OL_PARENT_WITHOUT_RUN', message: 'parent facet has no run.runId', subject: runUrn });
  }
  const root = isObject(parent.root) ? parent.root : undefined;
  const rootRunId = root && isObject(root.run) ? asString(root.run.runId) : undefined;
  if (rootRunId && rootRunId !== parentRunId) {
    const node = b.getNode(runUrn);
    if (node) node.props.rootRunId = rootRunId;
  }
}

function mapAgents(b: GraphBuilder, runUrn: string, producer: string | undefined, engine: unknown): void {
  if (producer) {
    const urn = b.reference(agentUrn('software', producer), ['Agent'], { kind: 'software', name: producer, uri: producer });
    b.edge('WAS_ASSOCIATED_WITH', runUrn, urn, { role: 'producer' });
  }
  if (isObject(engine) && typeof engine.name === 'string') {
    const version = asString(engine.version);
    const urn = b.reference(agentUrn('software', softwareAgentId(engine.name, version)), ['Agent'], {
      kind: 'software',
      name: engine.name,
      version,
    });
    b.edge('WAS_ASSOCIATED_WITH', runUrn, urn, {
      role: 'engine',
      openlineageAdapterVersion: asString(engine.openlineageAdapterVersion),
    });
  }
}

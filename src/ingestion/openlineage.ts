import type { Executor } from '../db/executor.js';
import { requireQueries } from '../db/registry.js';
import type { IngestIssue, MappedGraph, Props } from '../../ingest/core/graph.js';
import { emptyReport, mergeReports, type WriteReport } from './write-report.js';
import { writeGraph } from './writer.js';
import { contentProps } from './hash.js';
import { publishRunUpdates } from '../events/run-updates.js';
import {
  datasetPhysicalName,
  loadFacetSchemas,
  mapOpenLineageEvent,
  mergeRunState,
  validateOpenLineageEvent,
  type FacetSchemaSet,
  type OpenLineageValidation,
} from '../../ingest/openlineage/index.js';

const Q = requireQueries(['openlineage/get-run-states', 'openlineage/find-capsules-by-physical-name'] as const);
export const OPENLINEAGE_SCOPE = 'openlineage';

export interface OpenLineageInput {
  event: unknown;
  file?: string;
  line?: number;
}

export interface OpenLineageBatchResult {
  accepted: number;
  rejected: Array<{ index: number; errors: string[] }>;
  warnings: Array<{ index: number; warnings: string[] }>;
  report: WriteReport;
  issues: IngestIssue[];
}

let schemas: FacetSchemaSet | null | undefined;
function facetSchemas(): FacetSchemaSet | null {
  if (schemas === undefined) schemas = loadFacetSchemas() ?? null;
  return schemas;
}

/** One lock for OpenLineage writes in this process: run state is read, merged and written without interleaving. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Validates, maps and writes a batch of OpenLineage events. Invalid events are rejected (not written); datasets
 * whose physical table is a dbt capsule are written as that capsule; Run state merges with what is stored so
 * that events arriving out of order converge; replaying events changes nothing.
 */
export function ingestOpenLineage(exec: Executor, inputs: OpenLineageInput[]): Promise<OpenLineageBatchResult> {
  const run = queue.then(() => ingestBatch(exec, inputs));
  queue = run.catch(() => undefined);
  return run;
}

async function ingestBatch(exec: Executor, inputs: OpenLineageInput[]): Promise<OpenLineageBatchResult> {
  const result: OpenLineageBatchResult = { accepted: 0, rejected: [], warnings: [], report: emptyReport(), issues: [] };
  const valid: Array<{ input: OpenLineageInput; validation: OpenLineageValidation }> = [];
  inputs.forEach((input, index) => {
    const validation = validateOpenLineageEvent(input.event, { facetSchemas: facetSchemas() });
    if (!validation.ok) result.rejected.push({ index, errors: validation.errors });
    else {
      valid.push({ input, validation });
      if (validation.warnings.length > 0) result.warnings.push({ index, warnings: validation.warnings });
    }
  });
  const capsules = await capsulesByPhysicalName(exec, valid.map((v) => v.input.event));
  const graph: MappedGraph = { nodes: [], edges: [], issues: [] };
  for (const { input, validation } of valid) {
    const g = mapOpenLineageEvent(input.event, {
      validation,
      file: input.file,
      line: input.line,
      resolveDataset: (_ns, _name, physical) => (physical ? capsules.get(physical) : undefined),
    });
    // The same (runId, eventType, eventTime) is the same event: the first copy stored is kept. What an event says
    // of jobs, datasets and lineage edges is stamped with its time, so the newest event wins in any arrival order.
    const time = eventTime(input.event);
    for (const n of g.nodes) {
      if (n.labels.includes('RunEvent')) n.mode = 'insert';
      else if (!n.labels.includes('Run') && n.mode !== 'reference' && time) n.props.lastEventTime = time;
    }
    for (const e of g.edges) if (time) e.props = { ...e.props, lastEventTime: time };
    graph.nodes.push(...g.nodes);
    graph.edges.push(...g.edges);
    graph.issues.push(...g.issues);
    result.accepted++;
  }
  const storedRuns = await mergeStoredRunState(exec, graph);
  const { report, issues } = await writeGraph(exec, graph, { scope: OPENLINEAGE_SCOPE, deleteMissing: false, mergeProps: true });
  publishRunUpdates(graph, storedRuns);
  mergeReports(result.report, report);
  result.issues.push(...graph.issues, ...issues);
  return result;
}

function eventTime(event: unknown): string | undefined {
  const t = (event as { eventTime?: unknown })?.eventTime;
  const ms = typeof t === 'string' ? Date.parse(t) : NaN;
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** Physical table → capsule urn, for the datasets these events name (ambiguous names join nothing). */
async function capsulesByPhysicalName(exec: Executor, events: unknown[]): Promise<Map<string, string>> {
  const names = new Set<string>();
  for (const e of events) {
    const ev = e as { inputs?: Array<{ namespace?: string; name?: string }>; outputs?: Array<{ namespace?: string; name?: string }>; dataset?: { namespace?: string; name?: string } };
    for (const d of [...(ev.inputs ?? []), ...(ev.outputs ?? []), ...(ev.dataset ? [ev.dataset] : [])]) {
      const p = typeof d?.namespace === 'string' && typeof d?.name === 'string' ? datasetPhysicalName(d.namespace, d.name) : undefined;
      if (p) names.add(p);
    }
  }
  if (names.size === 0) return new Map();
  const rows = await exec.read(Q['openlineage/find-capsules-by-physical-name'], { names: [...names] });
  return new Map(rows.filter((r) => (r.urns as string[]).length === 1).map((r) => [String(r.name), (r.urns as string[])[0]!]));
}

/** Folds every event's Run props of this batch, in any order, into the stored Run state; returns the stored state. */
async function mergeStoredRunState(exec: Executor, graph: MappedGraph): Promise<Map<string, Props>> {
  const runs = graph.nodes.filter((n) => n.labels.includes('Run') && n.urn.startsWith('urn:ol:run:'));
  const stored = new Map<string, Props>();
  if (runs.length === 0) return stored;
  for (const r of await exec.read(Q['openlineage/get-run-states'], { urns: [...new Set(runs.map((n) => n.urn))] })) {
    const props = contentProps(r.props as Props) as Props;
    stored.set(String(r.urn), props);
  }
  const merged = new Map<string, Props>();
  for (const n of runs) merged.set(n.urn, mergeRunState(merged.get(n.urn) ?? stored.get(n.urn) ?? {}, n.props));
  for (const n of runs) n.props = merged.get(n.urn)!;
  return stored;
}

export type { FacetSchemaSet };

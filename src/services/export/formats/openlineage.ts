import { createHash } from 'node:crypto';
import { requireQueries } from '../../../db/registry.js';
import type { FormatSpec, FormatWriter, WriterContext } from '../format-writer.js';
import { jsonValue } from '../values.js';

const Q = requireQueries(['export/get-run-details'] as const);

const PRODUCER = 'https://github.com/helix/helix/tree/main/src/services/export';
const SPEC = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';
const PARENT_FACET = 'https://openlineage.io/spec/facets/1-1-0/ParentRunFacet.json#/$defs/ParentRunFacet';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BATCH = 100;

interface Identity {
  urn: string;
  namespace?: string | null;
  name?: string | null;
}

/** A run from a source other than OpenLineage gets a stable UUID (name-based, v5 layout) from its urn. */
export function runIdOf(urn: string, runId: unknown): string {
  if (typeof runId === 'string' && UUID.test(runId)) return runId.toLowerCase();
  const h = createHash('sha1').update(`helix:${urn}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const EVENT_TYPE: Record<string, string> = { completed: 'COMPLETE', failed: 'FAIL', cancelled: 'ABORT', running: 'RUNNING' };

function text(v: unknown): string | undefined {
  const j = jsonValue(v);
  return typeof j === 'string' && j !== '' ? j : typeof j === 'number' ? String(j) : undefined;
}

/** OpenLineage's dataset identity: the stored namespace and name, else Helix's namespace and the urn. */
function dataset(d: Identity): { namespace: string; name: string } {
  return { namespace: text(d.namespace) ?? 'helix', name: text(d.name) ?? d.urn };
}

/** One RunEvent describing a run that did not come from OpenLineage events (its last known state). */
export function synthesizeEvent(row: Record<string, unknown>): Record<string, unknown> {
  const run = row.run as Record<string, unknown>;
  const job = row.job as Record<string, unknown> | null;
  const parent = row.parent as (Identity & { runId?: unknown; jobUrn?: string; jobNamespace?: unknown; jobName?: unknown }) | null;
  const urn = String(row.urn);
  const eventTime = text(run.endedAt) ?? text(run.lastEventTime) ?? text(run.startedAt) ?? text(run.writtenAt) ?? text(run.firstSeenAt);
  const facets: Record<string, unknown> = {};
  if (parent) {
    facets.parent = {
      _producer: PRODUCER,
      _schemaURL: PARENT_FACET,
      run: { runId: runIdOf(parent.urn, parent.runId) },
      job: { namespace: text(parent.jobNamespace) ?? 'helix', name: text(parent.jobName) ?? parent.jobUrn ?? parent.urn },
    };
  }
  return {
    eventType: EVENT_TYPE[String(run.status)] ?? 'OTHER',
    eventTime: eventTime ?? new Date(0).toISOString(),
    run: { runId: runIdOf(urn, run.runId), facets },
    job: job ? { namespace: text(job.namespace) ?? text(job.kind) ?? 'helix', name: text(job.name) ?? String(job.urn) } : { namespace: text(run.kind) ?? 'helix', name: urn },
    inputs: (row.inputs as Identity[]).map(dataset),
    outputs: (row.outputs as Identity[]).map(dataset),
    producer: PRODUCER,
    schemaURL: SPEC,
  };
}

/**
 * NDJSON RunEvents of the runs in scope: a run that came from OpenLineage is its events as received (replaying them
 * recreates the same runs, jobs and datasets); any other run (workflow, dbt, PROV...) one event with its state,
 * job, inputs and outputs. Runs are looked up in batches as the node stream passes them.
 */
function openLineageWriter(ctx: WriterContext): FormatWriter {
  let pending: string[] = [];
  const flush = async () => {
    if (pending.length === 0) return '';
    const urns = pending;
    pending = [];
    const rows = await ctx.exec.read(Q['export/get-run-details'], { urns }, { op: 'export openlineage', requestId: ctx.requestId });
    let out = '';
    for (const row of rows) {
      const raw = (row.raw as string[]).filter((r) => typeof r === 'string');
      if (raw.length > 0) for (const r of raw) out += `${JSON.stringify(JSON.parse(r))}\n`;
      else out += `${JSON.stringify(synthesizeEvent(row))}\n`;
    }
    return out;
  };
  return {
    begin: () => '',
    async node(n) {
      if (!n.labels.includes('Run')) return '';
      pending.push(n.urn);
      return pending.length >= BATCH ? flush() : '';
    },
    relationship: () => '',
    end: flush,
  };
}

export const openlineage: FormatSpec = {
  format: 'openlineage',
  contentType: 'application/x-ndjson; charset=utf-8',
  extension: 'openlineage.jsonl',
  relationships: false,
  create: openLineageWriter,
};

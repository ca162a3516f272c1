import type { MappedGraph, Props } from '../../ingest/core/graph.js';
import { helixEvents, type HelixEventBus, type RunUpdatedEvent } from './bus.js';

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** Same state: every property of the new state equals the stored one (arrays and JSON strings compared as text). */
function sameState(stored: Props | undefined, next: Props): boolean {
  if (!stored) return false;
  return Object.entries(next).every(([k, v]) => v === undefined || JSON.stringify(stored[k]) === JSON.stringify(v));
}

/**
 * The Runs of a written OpenLineage batch whose state differs from what was stored before it (`stored`: urn → the
 * props read before merging). A replayed event changes nothing and announces nothing.
 */
export function runUpdatesOf(graph: Pick<MappedGraph, 'nodes' | 'edges'>, stored: ReadonlyMap<string, Props>): RunUpdatedEvent[] {
  const jobs = new Map(graph.nodes.filter((n) => n.labels.includes('Job')).map((n) => [n.urn, text(n.props.name)]));
  const out = new Map<string, RunUpdatedEvent>();
  for (const n of graph.nodes) {
    if (!n.labels.includes('Run') || n.mode === 'reference' || out.has(n.urn) || sameState(stored.get(n.urn), n.props)) continue;
    const jobUrns = [...new Set(graph.edges.filter((e) => e.type === 'INSTANCE_OF' && e.from === n.urn).map((e) => e.to))];
    out.set(n.urn, {
      urn: n.urn,
      runId: text(n.props.runId),
      status: text(n.props.status),
      jobUrns,
      jobNames: jobUrns.map((u) => jobs.get(u)).filter((x): x is string => x !== null && x !== undefined),
      eventType: text(n.props.lastEventType),
      eventTime: text(n.props.lastEventTime),
    });
  }
  return [...out.values()];
}

/** Announces the changed Runs of a written batch on the bus. */
export function publishRunUpdates(graph: Pick<MappedGraph, 'nodes' | 'edges'>, stored: ReadonlyMap<string, Props>, bus: HelixEventBus = helixEvents): void {
  if (!bus.hasAudience('runUpdated')) return;
  for (const e of runUpdatesOf(graph, stored)) bus.publish('runUpdated', e);
}

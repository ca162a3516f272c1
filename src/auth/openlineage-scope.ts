import type { Principal } from './principal.js';

/**
 * The namespace an OpenLineage event writes under: its job's (RunEvent, JobEvent) or, for a DatasetEvent, its
 * dataset's. A key limited to namespaces may POST only events whose namespace it holds. Input and output datasets
 * keep their own (often URI-shaped: `postgres://host:5432`) namespaces and are what the job read and wrote.
 */
export function openLineageNamespace(event: unknown): string | undefined {
  const e = event as { job?: { namespace?: unknown }; dataset?: { namespace?: unknown } } | null;
  const ns = e?.job?.namespace ?? e?.dataset?.namespace;
  return typeof ns === 'string' ? ns : undefined;
}

/** Indexes and namespaces of the events `principal` may not write. */
export function eventsOutsideScope(principal: Principal, events: unknown[]): Array<{ index: number; namespace: string | null }> {
  if (principal.namespaces === null) return [];
  const allowed = principal.namespaces;
  return events
    .map((event, index) => ({ index, namespace: openLineageNamespace(event) ?? null }))
    .filter((e) => e.namespace === null || !allowed.includes(e.namespace));
}

/** The urns of the jobs and runs of a batch of events (the audit trail's targets). */
export function openLineageTargets(events: unknown[]): string[] {
  const out = new Set<string>();
  for (const event of events.slice(0, 1000)) {
    const e = event as { job?: { namespace?: unknown; name?: unknown }; run?: { runId?: unknown }; dataset?: { namespace?: unknown; name?: unknown } } | null;
    if (typeof e?.job?.namespace === 'string' && typeof e.job.name === 'string') out.add(`urn:ol:job:${e.job.namespace}:${e.job.name}`);
    if (typeof e?.run?.runId === 'string') out.add(`urn:ol:run:${e.run.runId}`);
    if (typeof e?.dataset?.namespace === 'string' && typeof e.dataset.name === 'string') out.add(`urn:ol:dataset:${e.dataset.namespace}:${e.dataset.name}`);
  }
  return [...out];
}

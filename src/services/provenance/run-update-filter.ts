import type { IngestionProgressEvent, RunUpdatedEvent } from '../../events/bus.js';
import { optionalText } from '../bio/keyset-cursor.js';
import { runStatusOf, type RunStatus } from './run-status.js';
import { ingestionIdOf } from '../../../ingest/common/urns.js';

export interface RunUpdateFilter {
  job?: string | null;
  status?: RunStatus[] | null;
}

/** Validates a runUpdated filter once, at subscription time; returns the predicate events are tested with. */
export function runUpdateMatcher(filter: RunUpdateFilter | null | undefined): (e: RunUpdatedEvent) => boolean {
  const job = optionalText('filter.job', filter?.job, 2000);
  const statuses = new Set(filter?.status ?? []);
  return (e) =>
    (job === null || e.jobUrns.includes(job) || e.jobNames.includes(job)) && (statuses.size === 0 || statuses.has(runStatusOf(e.status)));
}

/** ingestionProgress(id): one ingestion (bare id or urn), or every ingestion. */
export function ingestionMatcher(id: string | null | undefined): (e: IngestionProgressEvent) => boolean {
  const wanted = optionalText('id', id, 300);
  if (wanted === null) return () => true;
  const bare = ingestionIdOf(wanted);
  return (e) => e.id === bare;
}

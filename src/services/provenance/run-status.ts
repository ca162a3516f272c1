/**
 * Run status as the API speaks it. Ingesters store lower-case values (ingest/common/run-status.ts); dbt
 * invocations store dbt's own (success, error, fail), which read as COMPLETED and FAILED.
 */
export const RUN_STATUSES = ['PENDING', 'QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED', 'UNKNOWN'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

const STORED: Record<RunStatus, string[]> = {
  PENDING: ['pending'],
  QUEUED: ['queued'],
  RUNNING: ['running'],
  COMPLETED: ['completed', 'success'],
  FAILED: ['failed', 'error', 'fail'],
  CANCELLED: ['cancelled', 'canceled'],
  UNKNOWN: ['unknown'],
};

const BY_STORED = new Map(Object.entries(STORED).flatMap(([status, values]) => values.map((v) => [v, status as RunStatus])));

export function runStatusOf(stored: unknown): RunStatus {
  return typeof stored === 'string' ? (BY_STORED.get(stored.toLowerCase()) ?? 'UNKNOWN') : 'UNKNOWN';
}

/** The stored values a status filter matches (null: no filter). */
export function storedStatuses(statuses: readonly RunStatus[] | null | undefined): string[] | null {
  if (!statuses || statuses.length === 0) return null;
  return [...new Set(statuses.flatMap((s) => STORED[s]))];
}

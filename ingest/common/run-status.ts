/** The one run status vocabulary every source is mapped to. */
export type RunStatus = 'pending' | 'queued' | 'running' | 'completed' | 'failed' | 'cancelled' | 'unknown';

export const RUN_STATUSES: readonly RunStatus[] = [
  'pending',
  'queued',
  'running',
  'completed',
  'failed',
  'cancelled',
  'unknown',
];

export function isTerminal(status: RunStatus): boolean {
  return status === 'completed' || status === 'failed' || status === 'cancelled';
}

/** OpenLineage eventType; OTHER carries no state change and maps to undefined. */
export function statusFromOpenLineage(eventType: unknown): RunStatus | undefined {
  switch (typeof eventType === 'string' ? eventType.toUpperCase() : '') {
    case 'START':
    case 'RUNNING':
      return 'running';
    case 'COMPLETE':
      return 'completed';
    case 'FAIL':
      return 'failed';
    case 'ABORT':
      return 'cancelled';
    case 'OTHER':
      return undefined;
    default:
      return 'unknown';
  }
}

/** Michigan Imputation Server numeric job states (genepi/imputationserver docs/api.md). */
export function statusFromMichigan(state: number): RunStatus {
  switch (state) {
    case 1:
      return 'queued';
    case 2:
      return 'running';
    case 3:
    case 4:
      return 'completed';
    case 5:
      return 'failed';
    case 6:
    case 7:
      return 'cancelled';
    default:
      return 'unknown';
  }
}

/** GA4GH WES run states. */
export function statusFromWes(state: string): RunStatus | undefined {
  switch (state.toUpperCase()) {
    case 'QUEUED':
    case 'INITIALIZING':
      return 'queued';
    case 'RUNNING':
    case 'PAUSED':
      return 'running';
    case 'COMPLETE':
      return 'completed';
    case 'EXECUTOR_ERROR':
    case 'SYSTEM_ERROR':
      return 'failed';
    case 'CANCELED':
    case 'CANCELING':
      return 'cancelled';
    case 'UNKNOWN':
      return 'unknown';
    default:
      return undefined;
  }
}

/** Nextflow task / workflow states (trace `status` column, Tower task `status`, weblog events). */
export function statusFromNextflow(state: string): RunStatus | undefined {
  switch (state.toUpperCase()) {
    case 'NEW':
      return 'pending';
    case 'SUBMITTED':
      return 'queued';
    case 'RUNNING':
    case 'STARTED':
      return 'running';
    case 'COMPLETED':
    case 'CACHED':
    case 'SUCCEEDED':
      return 'completed';
    case 'FAILED':
    case 'ERROR':
      return 'failed';
    case 'ABORTED':
    case 'CANCELLED':
      return 'cancelled';
    default:
      return undefined;
  }
}

const WORDS: Record<string, RunStatus> = {
  pending: 'pending',
  created: 'pending',
  new: 'pending',
  waiting: 'pending',
  validating: 'pending',
  queued: 'queued',
  submitted: 'queued',
  scheduled: 'queued',
  running: 'running',
  started: 'running',
  in_progress: 'running',
  processing: 'running',
  paused: 'running',
  completed: 'completed',
  complete: 'completed',
  success: 'completed',
  succeeded: 'completed',
  successful: 'completed',
  done: 'completed',
  finished: 'completed',
  failed: 'failed',
  failure: 'failed',
  error: 'failed',
  errored: 'failed',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  aborted: 'cancelled',
  killed: 'cancelled',
  dead: 'cancelled',
  unknown: 'unknown',
};

/**
 * Any status a platform reports: numeric Michigan states, WES upper-case states, Nextflow states, schema.org
 * ActionStatus URIs or common words. Returns 'unknown' (never throws) for anything else.
 */
export function normalizeStatus(raw: unknown): RunStatus {
  if (raw === undefined || raw === null) return 'unknown';
  if (typeof raw === 'number') return statusFromMichigan(raw);
  const text = String(raw).trim();
  if (text === '') return 'unknown';
  if (/^\d+$/.test(text)) return statusFromMichigan(Number(text));
  const actionStatus = /(?:schema\.org\/|^)(Potential|Active|Completed|Failed)ActionStatus$/i.exec(text);
  if (actionStatus) {
    const kind = actionStatus[1]!.toLowerCase();
    return kind === 'potential' ? 'pending' : kind === 'active' ? 'running' : kind === 'completed' ? 'completed' : 'failed';
  }
  const word = text.toLowerCase().replace(/[\s-]+/g, '_');
  if (WORDS[word]) return WORDS[word];
  return statusFromWes(text) ?? statusFromNextflow(text) ?? 'unknown';
}

import type { Logger } from 'pino';
import type { Executor } from '../../db/executor.js';
import { requireQueries } from '../../db/registry.js';
import { publishIngestionProgress } from '../../events/ingestion-progress.js';
import { IngestionRecord } from '../../ingestion/record.js';
import type { JobQueue } from './job-queue.js';

const Q = requireQueries(['ingest/list-stale-ingestions', 'ingest/fail-lost-ingestion'] as const);

export const WORKER_LOST = 'worker lost';

export interface ReaperOptions {
  /** A record whose heartbeat is older than this has lost its worker (default HELIX_HEARTBEAT_STALE_MS, 60 s). */
  staleMs?: number;
  /** How often to look (default a quarter of staleMs). */
  intervalMs?: number;
}

/**
 * Ends the records of dead ingestions: a `running` (or process-queued) record whose heartbeat stopped is re-queued
 * when the queue still holds its job (BullMQ delivers it again after its stall interval, and it resumes from its
 * checkpoint), else marked `failed` with reason "worker lost" (a CLI ingestion killed with SIGKILL, a server without
 * Redis that crashed). Runs in every `helix serve` and `helix worker`; idempotent, so several reapers are harmless.
 */
export async function reapLostIngestions(exec: Executor, queue: JobQueue | undefined, staleMs: number): Promise<{ failed: string[]; requeued: string[] }> {
  const out = { failed: [] as string[], requeued: [] as string[] };
  for (const r of await exec.read(Q['ingest/list-stale-ingestions'], { staleMs })) {
    const id = String(r.id);
    const kind = String(r.kind ?? '');
    if (queue && (await queue.holds(kind, id).catch(() => false))) {
      if (r.status === 'running' && (await IngestionRecord.requeue(exec, id, { error: `${WORKER_LOST}; re-queued`, retry: false, kind }))) out.requeued.push(id);
      continue;
    }
    const [failed] = await exec.write(Q['ingest/fail-lost-ingestion'], { urn: String(r.urn), staleMs, error: WORKER_LOST });
    if (failed) {
      out.failed.push(id);
      publishIngestionProgress({ id, urn: String(r.urn), kind, source: null, status: 'failed', position: null, progress: null, durationMs: null, error: WORKER_LOST });
    }
  }
  return out;
}

export function startReaper(exec: Executor, queue: JobQueue | undefined, logger: Logger, o: ReaperOptions = {}): { stop(): void } {
  const staleMs = o.staleMs ?? Number(process.env.HELIX_HEARTBEAT_STALE_MS ?? 60_000);
  const intervalMs = o.intervalMs ?? Math.max(1_000, Math.round(staleMs / 4));
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    reapLostIngestions(exec, queue, staleMs)
      .then((r) => {
        if (r.failed.length + r.requeued.length > 0) logger.warn(r, 'reaped lost ingestions');
      })
      .catch(() => undefined)
      .finally(() => (busy = false));
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

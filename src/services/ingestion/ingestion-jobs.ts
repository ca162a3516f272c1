import { randomUUID } from 'node:crypto';
import { ingestRequestProblem } from '../../../ingest/common/identifiers.js';
import { INGESTERS } from '../../ingestion/registry.js';
import { ingestionUrn } from '../../ingestion/record.js';
import type { Executor } from '../../db/executor.js';
import { requireQueries } from '../../db/registry.js';
import { HelixError } from '../../errors.js';
import { helixEvents } from '../../events/bus.js';
import { publishIngestionProgress } from '../../events/ingestion-progress.js';
import { IngestRoots } from './ingest-roots.js';
import { ingestionIdOf } from '../../../ingest/common/urns.js';
import type { JobData } from './job-processor.js';
import type { JobQueue } from './job-queue.js';

const Q = requireQueries(['ingest/queue-ingestion', 'ingest/get-ingestion', 'ingest/request-ingestion-cancel'] as const);

export interface StartIngestionRequest {
  kind: string;
  path: string;
  namespace?: string | null;
  format?: string | null;
  /** Continue an earlier ingestion (streamed sources) from its last checkpoint. */
  resume?: string | null;
  allowMassDelete?: boolean | null;
}

export interface StartedIngestion {
  id: string;
  urn: string;
  kind: string;
  source: string;
  namespace: string | null;
  status: 'queued';
  queuedAt: string | null;
}

/**
 * Ingestions started through the API (or `helix ingest --queue`): the request is checked (kind, path inside
 * HELIX_INGEST_ROOTS when `roots` guard it), recorded as a queued Ingestion and put on the job queue: BullMQ when
 * REDIS_URL is set (consumed by `helix worker` processes), else this process's own runner. Either way the job runs
 * through the one ingestion lifecycle (src/ingestion/lifecycle.ts); progress and the end reach `ingestionProgress`.
 */
export class IngestionJobs {
  private closed = false;

  constructor(
    private readonly exec: Executor,
    private readonly roots: IngestRoots | null,
    readonly queue: JobQueue,
  ) {}

  get enabled(): boolean {
    return this.roots === null || this.roots.enabled;
  }

  async start(req: StartIngestionRequest): Promise<StartedIngestion> {
    if (this.closed) throw new HelixError('CONFLICT', 'the server is shutting down: start the ingestion again once it is back');
    const ingester = Object.hasOwn(INGESTERS, req.kind) ? INGESTERS[req.kind] : undefined;
    if (!ingester) throw new HelixError('BAD_USER_INPUT', `unknown ingestion kind '${req.kind}'; known: ${Object.keys(INGESTERS).join(', ')}`);
    const problem = ingestRequestProblem(req);
    if (problem) throw new HelixError('BAD_USER_INPUT', problem);
    let source = req.path;
    if (this.roots) {
      source = this.roots.resolve(req.path);
      await this.roots.checkContents(source);
    }
    const id = req.resume ?? randomUUID();
    const urn = ingestionUrn(id);
    const [row] = await this.exec.write(Q['ingest/queue-ingestion'], { urn, id, kind: req.kind, source, namespace: req.namespace ?? null, queue: this.queue.mode });
    publishIngestionProgress({ id, urn, kind: req.kind, source, status: 'queued', position: null, progress: null, durationMs: null, error: null });
    const data: JobData = {
      type: 'ingestion',
      id,
      kind: req.kind,
      source,
      options: {
        ...(req.resume ? { resume: req.resume } : {}),
        ...(req.namespace ? { namespace: req.namespace } : {}),
        ...(req.format ? { format: req.format } : {}),
        ...(req.allowMassDelete ? { allowMassDelete: true } : {}),
      },
    };
    await this.queue.add(data);
    return { id, urn, kind: req.kind, source, namespace: req.namespace ?? null, status: 'queued', queuedAt: (row?.queuedAt as string | undefined) ?? null };
  }

  /**
   * cancelIngestion(id): a job still waiting is taken off the queue and ends `cancelled` at once; a running one is
   * told through the event bus (every process, through Redis) and its heartbeat, and stops at its next batch.
   */
  async cancel(id: string): Promise<{ id: string; urn: string; status: string } | null> {
    const bare = ingestionIdOf(id);
    const urn = ingestionUrn(bare);
    const [row] = await this.exec.read(Q['ingest/get-ingestion'], { urn });
    if (!row) return null;
    if (row.status !== 'queued' && row.status !== 'running') return { id: bare, urn, status: String(row.status) };
    const removed = row.status === 'queued' && (await this.queue.remove(String(row.kind), bare));
    const [after] = await this.exec.write(Q['ingest/request-ingestion-cancel'], { urn, now: removed });
    if (removed) publishIngestionProgress({ id: bare, urn, kind: String(row.kind), source: String(row.source), status: 'cancelled', position: null, progress: null, durationMs: null, error: 'cancelled' });
    else helixEvents.publish('ingestionControl', { id: bare, action: 'cancel' });
    return { id: bare, urn, status: String(after?.status ?? row.status) };
  }

  /** Stops accepting work and closes the queue (in-process jobs stop at a batch and go back to `queued`). */
  async close(waitMs = 5_000): Promise<void> {
    this.closed = true;
    await this.queue.close(waitMs);
  }
}

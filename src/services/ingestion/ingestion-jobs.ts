import { randomUUID } from 'node:crypto';
import pLimit from 'p-limit';
import type { Logger } from 'pino';
import { ingestRequestProblem } from '../../../ingest/core/identifiers.js';
import { INGESTERS } from '../../../ingest/run/registry.js';
import type { IngestRunOptions } from '../../../ingest/run/types.js';
import type { Executor } from '../../db/executor.js';
import { requireQueries } from '../../db/registry.js';
import { HelixError } from '../../errors.js';
import { publishIngestionProgress } from '../../events/ingestion-progress.js';
import { IngestRoots } from './ingest-roots.js';
import { ingestionUrn } from '../../../ingest/common/urns.js';

const Q = requireQueries(['ingest/queue-ingestion', 'ingest/fail-unfinished-ingestion'] as const);

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
}

/**
 * Ingestions started through the API: the request is checked (kind, path inside HELIX_INGEST_ROOTS), recorded as a
 * queued Ingestion and run in the background, at most `concurrency` at a time, by the same runners as `helix
 * ingest`. Progress and the end reach `ingestionProgress(id)` subscribers; a server stopped mid-way leaves the
 * record `running`, and a later request with `resume` continues it from its last checkpoint.
 */
export class IngestionJobs {
  private readonly limit: ReturnType<typeof pLimit>;
  private readonly active = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly exec: Executor,
    private readonly roots: IngestRoots,
    private readonly logger: Logger,
    concurrency = 1,
  ) {
    this.limit = pLimit(concurrency);
  }

  get enabled(): boolean {
    return this.roots.enabled;
  }

  async start(req: StartIngestionRequest): Promise<StartedIngestion> {
    if (this.closed) throw new HelixError('CONFLICT', 'the server is shutting down: start the ingestion again once it is back');
    const ingester = Object.hasOwn(INGESTERS, req.kind) ? INGESTERS[req.kind] : undefined;
    if (!ingester) throw new HelixError('BAD_USER_INPUT', `unknown ingestion kind '${req.kind}'; known: ${Object.keys(INGESTERS).join(', ')}`);
    const problem = ingestRequestProblem(req);
    if (problem) throw new HelixError('BAD_USER_INPUT', problem);
    const source = this.roots.resolve(req.path);
    await this.roots.checkContents(source);
    const id = req.resume ?? randomUUID();
    const urn = ingestionUrn(id);
    await this.exec.write(Q['ingest/queue-ingestion'], { urn, id, kind: req.kind, source, namespace: req.namespace ?? null });
    publishIngestionProgress({ id, urn, kind: req.kind, source, status: 'queued', position: null, progress: null, durationMs: null, error: null });
    const options: IngestRunOptions = {
      ingestionId: id,
      ...(req.resume ? { resume: req.resume } : {}),
      ...(req.namespace ? { namespace: req.namespace } : {}),
      ...(req.format ? { format: req.format } : {}),
      ...(req.allowMassDelete ? { allowMassDelete: true } : {}),
    };
    const job = this.limit(async () => {
      const began = performance.now();
      try {
        const run = await ingester.run();
        const report = await run(this.exec, source, options);
        this.logger.info({ ingestion: id, kind: req.kind, status: report.status, ms: report.timingsMs.total }, 'background ingestion finished');
      } catch (error) {
        // Runners record their own failures; this covers what failed before a runner took the record over.
        const message = (error as Error).message;
        this.logger.warn({ ingestion: id, kind: req.kind, err: error }, 'background ingestion failed');
        const [failed] = await this.exec.write(Q['ingest/fail-unfinished-ingestion'], { urn, error: message }).catch(() => []);
        if (failed) {
          const durationMs = Math.round(performance.now() - began);
          publishIngestionProgress({ id, urn, kind: req.kind, source, status: 'failed', position: null, progress: null, durationMs, error: message });
        }
      }
    });
    this.active.add(job);
    void job.finally(() => this.active.delete(job));
    return { id, urn };
  }

  /** Stops accepting work and waits up to `waitMs` for running ingestions (they resume later from checkpoints). */
  async close(waitMs = 5_000): Promise<void> {
    this.closed = true;
    this.limit.clearQueue();
    await Promise.race([Promise.allSettled([...this.active]), new Promise((r) => setTimeout(r, waitMs).unref())]);
  }
}

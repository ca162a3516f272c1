import pLimit from 'p-limit';
import type { Logger } from 'pino';
import { Queue } from 'bullmq';
import type { Executor } from '../../db/executor.js';
import { requireQueries } from '../../db/registry.js';
import { IngestionStopped } from '../../ingestion/stopped.js';
import { processJob, type JobData } from './job-processor.js';
import { familyOf, QUEUE_FAMILIES, queueName, type QueueFamily } from './queues.js';

const Q = requireQueries(['ingest/heartbeat-queued-ingestions', 'ingest/fail-unfinished-ingestion'] as const);

/** Where background jobs wait: BullMQ on Redis (REDIS_URL set), or this process's own queue (no Redis). */
export interface JobQueue {
  readonly mode: 'bullmq' | 'process';
  add(data: JobData): Promise<void>;
  /** Takes a job that no process runs yet off the queue; false when it is running (or unknown). */
  remove(kind: string, id: string): Promise<boolean>;
  /** The queue still holds the job (waiting, delayed or active): a lost worker's job will be delivered again. */
  holds(kind: string, id: string): Promise<boolean>;
  close(waitMs?: number): Promise<void>;
}

export const QUEUE_PREFIX = 'helix';
/** Attempts of a BullMQ job on transient failures (Neo4j unavailable, deadlocks), with exponential backoff. */
export const JOB_ATTEMPTS = Number(process.env.HELIX_JOB_ATTEMPTS ?? 5);
const JOB_BACKOFF_MS = Number(process.env.HELIX_JOB_BACKOFF_MS ?? 2_000);

/** Producer side of the BullMQ queues: `startIngestion`, `evaluateConformance` and `helix ingest --queue`. */
export class BullJobQueue implements JobQueue {
  readonly mode = 'bullmq' as const;
  private readonly queues = new Map<QueueFamily, Queue>();

  constructor(private readonly redisUrl: string) {}

  private queue(family: QueueFamily): Queue {
    let q = this.queues.get(family);
    if (!q) {
      q = new Queue(queueName(family), { connection: redisConnection(this.redisUrl), prefix: QUEUE_PREFIX });
      q.on('error', () => undefined);
      this.queues.set(family, q);
    }
    return q;
  }

  async add(data: JobData): Promise<void> {
    const family = data.type === 'conformance' ? 'conformance' : familyOf(data.kind);
    await this.queue(family).add(data.type, data, {
      jobId: data.id,
      attempts: JOB_ATTEMPTS,
      backoff: { type: 'exponential', delay: JOB_BACKOFF_MS },
      removeOnComplete: { age: 24 * 3600, count: 1000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }

  async remove(kind: string, id: string): Promise<boolean> {
    const job = await this.queue(familyOf(kind)).getJob(id);
    if (!job) return false;
    const state = await job.getState();
    if (state === 'active') return false;
    await job.remove().catch(() => undefined);
    return !(await this.queue(familyOf(kind)).getJob(id));
  }

  async holds(kind: string, id: string): Promise<boolean> {
    const job = await this.queue(familyOf(kind)).getJob(id);
    if (!job) return false;
    return ['waiting', 'delayed', 'active', 'prioritized', 'waiting-children'].includes(await job.getState());
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
  }
}

/** BullMQ connections: ioredis options BullMQ requires (no per-request retry limit on blocking workers). */
export function redisConnection(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    db: Number(u.pathname.replace('/', '') || 0),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  };
}

/**
 * A server without Redis keeps today's runner: jobs wait in this process (at most `concurrency` at once) and run
 * through the same processor as a worker's. The process stamps its queued records, so the reaper of another process
 * sees them alive; a crash leaves them to the reaper (failed, "worker lost").
 */
export class InProcessJobQueue implements JobQueue {
  readonly mode = 'process' as const;
  private readonly limits = new Map<string, ReturnType<typeof pLimit>>();
  private readonly pending = new Set<string>();
  private readonly running = new Map<string, AbortController>();
  private readonly active = new Set<Promise<void>>();
  private readonly heartbeat: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly exec: Executor,
    private readonly logger: Logger,
    private readonly concurrency: number,
    readonly workerId: string,
  ) {
    this.heartbeat = setInterval(() => {
      if (this.pending.size === 0) return;
      const urns = [...this.pending].map((id) => `urn:helix:ingestion:${id}`);
      void this.exec.write(Q['ingest/heartbeat-queued-ingestions'], { urns }).catch(() => undefined);
    }, Number(process.env.HELIX_HEARTBEAT_MS ?? 5_000));
    this.heartbeat.unref();
  }

  private limit(family: QueueFamily): ReturnType<typeof pLimit> {
    // Evaluations one at a time (two evaluations of a namespace must not interleave); ingestions share `concurrency`.
    const key = family === 'conformance' ? 'conformance' : 'ingestion';
    let l = this.limits.get(key);
    if (!l) this.limits.set(key, (l = pLimit(key === 'conformance' ? 1 : this.concurrency)));
    return l;
  }

  async add(data: JobData): Promise<void> {
    const family = data.type === 'conformance' ? 'conformance' : familyOf(data.kind);
    this.pending.add(data.id);
    const job = this.limit(family)(async () => {
      if (!this.pending.delete(data.id)) return; // removed (cancelled) while it waited
      const controller = new AbortController();
      this.running.set(data.id, controller);
      try {
        await processJob(data, { exec: this.exec, logger: this.logger, workerId: this.workerId, signal: controller.signal });
      } catch (error) {
        if (!(error instanceof IngestionStopped)) this.logger.warn({ job: data.id, type: data.type, err: error }, 'background job failed');
      } finally {
        this.running.delete(data.id);
      }
    });
    this.active.add(job);
    void job.finally(() => this.active.delete(job));
  }

  async remove(_kind: string, id: string): Promise<boolean> {
    return this.pending.delete(id);
  }

  async holds(_kind: string, id: string): Promise<boolean> {
    return this.pending.has(id) || this.running.has(id);
  }

  /**
   * Stops taking jobs; running ones stop at their next batch (checkpoint kept), within `waitMs`. No other process
   * holds this queue, so their records and those still waiting end `failed` with the way to continue them, instead
   * of staying `queued` for nobody.
   */
  async close(waitMs = 5_000): Promise<void> {
    this.closed = true;
    clearInterval(this.heartbeat);
    for (const l of this.limits.values()) l.clearQueue();
    const unfinished = [...this.pending, ...this.running.keys()];
    this.pending.clear();
    for (const c of this.running.values()) c.abort('shutdown');
    await Promise.race([Promise.allSettled([...this.active]), new Promise((r) => setTimeout(r, waitMs).unref())]);
    for (const id of unfinished) {
      const error = `the server stopped before this ingestion ended; start it again with resume: "${id}"`;
      await this.exec.write(Q['ingest/fail-unfinished-ingestion'], { urn: `urn:helix:ingestion:${id}`, error, status: 'failed' }).catch(() => undefined);
    }
  }

  get isClosed(): boolean {
    return this.closed;
  }
}

export { QUEUE_FAMILIES };

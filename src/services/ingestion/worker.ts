import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Executor } from '../../db/executor.js';
import { isTransient } from '../../ingestion/retry.js';
import { IngestionStopped } from '../../ingestion/stopped.js';
import { processJob, type JobData } from './job-processor.js';
import { QUEUE_PREFIX, redisConnection } from './job-queue.js';
import { queueName, type QueueFamily } from './queues.js';

export interface WorkerOptions {
  redisUrl: string;
  families: QueueFamily[];
  /** Jobs at once per queue family. */
  concurrency: number;
  /** BullMQ lock and stall check: a job whose worker died is delivered again after about this long. */
  stalledMs?: number;
}

/**
 * `helix worker`: consumes the BullMQ queues of the chosen families. A job runs through the same processor as the
 * in-process runner; transient failures are retried by BullMQ with backoff, bad input fails at once
 * (UnrecoverableError). `stop()` (SIGTERM) aborts running jobs at their next batch: their record goes back to
 * `queued` with its checkpoint and the job back to the queue (moveToDelayed, no attempt spent), so another worker
 * resumes it. A worker killed with SIGKILL stops renewing its locks: BullMQ's stall check re-delivers its jobs.
 */
export class IngestionWorker {
  readonly id = `worker:${hostname()}:${process.pid}`;
  private readonly workers: Worker[] = [];
  private readonly shutdown = new AbortController();

  constructor(
    private readonly exec: Executor,
    private readonly logger: Logger,
    private readonly o: WorkerOptions,
  ) {}

  async start(): Promise<void> {
    const stalledMs = this.o.stalledMs ?? Number(process.env.HELIX_QUEUE_STALLED_MS ?? 30_000);
    for (const family of this.o.families) {
      const worker = new Worker<JobData>(queueName(family), (job, token) => this.process(job, token), {
        connection: redisConnection(this.o.redisUrl),
        prefix: QUEUE_PREFIX,
        concurrency: this.o.concurrency,
        lockDuration: stalledMs,
        stalledInterval: stalledMs,
        maxStalledCount: 3,
      });
      worker.on('error', (err) => this.logger.warn({ err, family }, 'queue connection error'));
      this.workers.push(worker);
    }
    await Promise.all(this.workers.map((w) => w.waitUntilReady()));
  }

  private async process(job: Job<JobData>, token: string | undefined): Promise<{ status: string }> {
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    try {
      return await processJob(job.data, {
        exec: this.exec,
        logger: this.logger,
        workerId: this.id,
        signal: this.shutdown.signal,
        requeueTransient: !lastAttempt,
      });
    } catch (error) {
      if (error instanceof IngestionStopped) {
        // Handed back: runnable at once by another worker, without spending an attempt.
        await job.moveToDelayed(Date.now(), token);
        throw new DelayedError();
      }
      if (!isTransient(error)) throw new UnrecoverableError((error as Error).message);
      throw error;
    }
  }

  /** Graceful stop: running jobs checkpoint and go back to the queue; resolves once every queue connection closed. */
  async stop(): Promise<void> {
    this.shutdown.abort('shutdown');
    await Promise.all(this.workers.map((w) => w.close().catch(() => undefined)));
  }
}

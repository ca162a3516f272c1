import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Executor } from '../db/executor.js';
import { requireQueries } from '../db/registry.js';
import { helixEvents } from '../events/bus.js';
import { publishIngestionProgress } from '../events/ingestion-progress.js';
import { emptyReport } from './write-report.js';
import { countIssues, IngestionRecord, ingestionUrn, type IngestionReport } from './record.js';
import { backoffMs, isTransient } from './retry.js';
import { IngestionStopped, stopReason } from './stopped.js';
import type { IngestRunOptions } from './types.js';

const Q = requireQueries(['ingest/fail-unfinished-ingestion', 'meta/bump-graph-version'] as const);

/** How long a retry waits for Neo4j to come back before spending its attempt anyway. */
const NEO4J_RETURN_WAIT_MS = 120_000;

/** What a kind's runner returns: the report, without the record's id and urn (the lifecycle owns the record). */
export type RunResult = Omit<IngestionReport, 'id' | 'urn'>;

/**
 * What the lifecycle hands a kind's runner. The runner parses, maps and writes; it calls `begin` once it knows its
 * scope (that creates or takes over the Ingestion record), reports progress and checkpoints through `progress` and
 * `checkpoint` (where a cancel or a shutdown stops it, at a batch boundary), and registers `partial` so that a
 * failure is recorded with what was written until then.
 */
export interface IngestionRun {
  readonly exec: Executor;
  readonly id: string;
  readonly kind: string;
  readonly options: IngestRunOptions;
  begin(o: { scope: string; namespace?: string }): Promise<IngestionRecord>;
  progress(done: number, total: number, phase: string): void;
  checkpoint(position: number, progress: Record<string, unknown>): Promise<void>;
  /** Throws IngestionStopped when asked to stop (call between batches). */
  stopIfAsked(): void;
  partial(report: () => RunResult): void;
}

export type KindRunner = (run: IngestionRun, path: string, o: IngestRunOptions) => Promise<RunResult>;

const HEARTBEAT_MS = Number(process.env.HELIX_HEARTBEAT_MS ?? 5_000);
const RETRY_BASE_MS = Number(process.env.HELIX_INGEST_RETRY_BASE_MS ?? 1_000);
const defaultWorkerId = () => `cli:${os.hostname()}:${process.pid}`;

/**
 * The one ingestion lifecycle, for every kind and every caller (CLI, in-process jobs, queue workers): the record is
 * started (or taken over from `queued`) and stamped with its worker and a heartbeat; the run ends `completed`,
 * `failed` (with its reason and what was written) or `cancelled`; transient database failures are retried with
 * backoff (never bad input), a streamed kind resuming from its checkpoint and a snapshot kind re-running
 * idempotently; a shutdown hands the record back to the queue. Every end is published on the event bus, where the
 * API processes hear it (through Redis) and invalidate their graph-version cache.
 */
export async function runIngestion(exec: Executor, kind: string, source: string, runner: KindRunner, o: IngestRunOptions): Promise<IngestionReport> {
  const id = o.ingestionId ?? o.resume ?? randomUUID();
  const attempts = Math.max(1, o.attempts ?? 6);
  let options: IngestRunOptions = { ...o, ingestionId: id };
  // A job taken over after its worker died, or retried, continues from its own checkpoint (streamed kinds).
  if (!options.resume && o.ingestionId && (await hasCheckpoint(exec, id))) options = { ...options, resume: id };
  for (let attempt = 1; ; attempt++) {
    const began = performance.now();
    const attemptRun = new Attempt(exec, id, kind, source, options);
    try {
      const result = await runner(attemptRun, source, options);
      const record = attemptRun.record ?? (await attemptRun.begin({ scope: result.scope, namespace: result.namespace }));
      const total = result.timingsMs.total ?? Math.round(performance.now() - began);
      await record.finish(result, total);
      return { id: record.id, urn: record.urn, ...result };
    } catch (error) {
      const stopped = error instanceof IngestionStopped ? error.reason : stopReason(attemptRun.signal);
      if (stopped === 'cancel') return attemptRun.end('cancelled', 'cancelled', began);
      if (stopped === 'shutdown') {
        await IngestionRecord.requeue(exec, id, { error: null, retry: false, kind });
        throw error instanceof IngestionStopped ? error : new IngestionStopped('shutdown');
      }
      const message = (error as Error).message;
      if (isTransient(error) && (attempt < attempts || o.requeueTransient)) {
        await IngestionRecord.requeue(exec, id, { error: message, retry: true, kind }).catch(() => false);
        if (o.requeueTransient) throw error;
        await sleep(backoffMs(attempt, RETRY_BASE_MS), o.signal);
        // The executor fails fast while Neo4j is away (src/db/health.ts), so backoff alone would spend every attempt
        // during one restart: wait for the health probe to see Neo4j again (bounded) before the next attempt.
        await exec.health?.whenUp(NEO4J_RETURN_WAIT_MS);
        options = { ...options, resume: id };
        continue;
      }
      await attemptRun.end('failed', message, began).catch(() => undefined);
      throw error;
    } finally {
      attemptRun.close();
    }
  }
}

/** The runner of `kind` wrapped in the lifecycle: the shape `helix ingest`, jobs and tests call. */
export function withLifecycle(kind: string, runner: KindRunner) {
  return (exec: Executor, path: string, o: IngestRunOptions): Promise<IngestionReport> => runIngestion(exec, kind, path, runner, o);
}

/** One attempt of an ingestion: its record, heartbeat and stop signal. */
class Attempt implements IngestionRun {
  record: IngestionRecord | undefined;
  private partialReport: (() => RunResult) | undefined;
  private readonly cancel = new AbortController();
  readonly signal: AbortSignal;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly offControl: () => void;

  constructor(
    readonly exec: Executor,
    readonly id: string,
    readonly kind: string,
    private readonly source: string,
    readonly options: IngestRunOptions,
  ) {
    this.signal = options.signal ? AbortSignal.any([this.cancel.signal, options.signal]) : this.cancel.signal;
    // A cancel reaches the process running the ingestion at once through the bus (Redis relay), and through the
    // record's heartbeat otherwise.
    this.offControl = helixEvents.subscribe('ingestionControl', (e) => {
      if (e.id === id && e.action === 'cancel') this.cancel.abort('cancel');
    });
    this.heartbeat = setInterval(() => {
      IngestionRecord.heartbeat(exec, id)
        .then((h) => h?.cancelRequested && this.cancel.abort('cancel'))
        .catch(() => undefined);
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  async begin(b: { scope: string; namespace?: string }): Promise<IngestionRecord> {
    this.stopIfAsked();
    this.record = await IngestionRecord.start(this.exec, {
      kind: this.kind,
      source: this.source,
      scope: b.scope,
      namespace: b.namespace,
      id: this.id,
      workerId: this.options.workerId ?? defaultWorkerId(),
    });
    // Cancelled while it waited in the queue: the request is on the record.
    const h = await IngestionRecord.heartbeat(this.exec, this.id);
    if (h?.cancelRequested) this.cancel.abort('cancel');
    return this.record;
  }

  progress(done: number, total: number, phase: string): void {
    this.options.onProgress?.(done, total, phase);
    this.stopIfAsked();
  }

  async checkpoint(position: number, progress: Record<string, unknown>): Promise<void> {
    await this.record?.checkpoint(position, progress);
    this.stopIfAsked();
  }

  stopIfAsked(): void {
    const reason = stopReason(this.signal);
    if (reason) throw new IngestionStopped(reason);
  }

  partial(report: () => RunResult): void {
    this.partialReport = report;
  }

  /** Records a failed or cancelled end with what was written so far; returns the report. */
  async end(status: 'failed' | 'cancelled', error: string, began: number): Promise<IngestionReport> {
    const durationMs = Math.round(performance.now() - began);
    const base: RunResult = this.partialReport?.() ?? {
      kind: this.kind,
      source: this.source,
      scope: `${this.kind}:*`,
      status,
      write: emptyReport(),
      issues: [],
      issueCounts: countIssues([]),
      stats: {},
      timingsMs: {},
    };
    const result: RunResult = { ...base, status, error, timingsMs: { ...base.timingsMs, total: durationMs } };
    if (this.record) {
      // What it wrote before it stopped is in the graph: cached answers must not hide it (a completed write bumps
      // the version in the writer; a stopped one may not have reached that point).
      await this.exec.write(Q['meta/bump-graph-version'], {}).catch(() => undefined);
      await this.record.finish(result, durationMs);
    } else {
      // Stopped before the runner began its record: a queued record (API, queue) still says why.
      const urn = ingestionUrn(this.id);
      const [row] = await this.exec.write(Q['ingest/fail-unfinished-ingestion'], { urn, error, status }).catch(() => []);
      if (row) publishIngestionProgress({ id: this.id, urn, kind: this.kind, source: this.source, status, position: null, progress: null, durationMs, error });
    }
    return { id: this.id, urn: ingestionUrn(this.id), ...result };
  }

  close(): void {
    clearInterval(this.heartbeat);
    this.offControl();
  }
}


async function hasCheckpoint(exec: Executor, id: string): Promise<boolean> {
  const row = await IngestionRecord.find(exec, id);
  return Boolean(row && row.status !== 'completed' && typeof row.progressJson === 'string');
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });
}

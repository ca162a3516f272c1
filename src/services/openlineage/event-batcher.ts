import { ingestOpenLineage, type OpenLineageBatchResult, type OpenLineageInput } from '../../ingestion/openlineage.js';
import type { Executor } from '../../db/executor.js';
import type { WriteReport } from '../../ingestion/write-report.js';

/** What one request's events became, out of the shared batch they were written in. */
export interface OpenLineageRequestResult {
  accepted: number;
  rejected: OpenLineageBatchResult['rejected'];
  warnings: OpenLineageBatchResult['warnings'];
  /** The write report of the whole batch this request was part of. */
  report: WriteReport;
  /** How many requests shared that batch (1 when written alone). */
  batchedWith: number;
}

interface Pending {
  inputs: OpenLineageInput[];
  resolve: (r: OpenLineageRequestResult) => void;
  reject: (e: unknown) => void;
}

export interface BatcherOptions {
  /** Largest number of events written together (a single larger request is written alone). */
  maxEvents: number;
}

/**
 * Group commit for OpenLineage intake. OpenLineage writes must not interleave (a run's state is read, merged and
 * written), so they take turns (ingestOpenLineage's lock); instead of one turn per request, every request that
 * arrives while a batch is being written joins the next batch, written as one: run states read once, one sorted
 * UNWIND write per statement. Under 50 concurrent clients this turns 50 turns into one; a lone request is written at
 * once (no timer, no added latency). Parallel lanes (jobs hashed over 4 locks) were measured and gained nothing on
 * 2 cores: the write itself is the limit.
 *
 * If a shared batch fails for a reason other than the database being away, each of its requests is written again
 * on its own, so one request's failure is never another's.
 */
export class OpenLineageBatcher {
  private readonly queue: Pending[] = [];
  private writing = false;

  constructor(
    private readonly exec: Executor,
    private readonly options: BatcherOptions = { maxEvents: 1000 },
  ) {}

  submit(inputs: OpenLineageInput[]): Promise<OpenLineageRequestResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ inputs, resolve, reject });
      if (!this.writing) {
        this.writing = true;
        // Let requests whose bodies are being parsed in this same turn of the event loop join the first batch.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.writeBatch(this.take());
    } finally {
      this.writing = false;
    }
  }

  /** The oldest requests, up to maxEvents events (always at least one request). */
  private take(): Pending[] {
    const batch: Pending[] = [];
    let events = 0;
    while (this.queue.length > 0) {
      const next = this.queue[0]!;
      if (batch.length > 0 && events + next.inputs.length > this.options.maxEvents) break;
      batch.push(this.queue.shift()!);
      events += next.inputs.length;
    }
    return batch;
  }

  private async writeBatch(batch: Pending[]): Promise<void> {
    let result: OpenLineageBatchResult;
    try {
      result = await ingestOpenLineage(this.exec, batch.flatMap((p) => p.inputs));
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (batch.length === 1 || code === 'SERVICE_UNAVAILABLE' || code === 'DATABASE_UNAVAILABLE') {
        for (const p of batch) p.reject(error);
        return;
      }
      for (const p of batch) await this.writeBatch([p]);
      return;
    }
    let offset = 0;
    for (const p of batch) {
      const end = offset + p.inputs.length;
      const mine = <T extends { index: number }>(list: T[]) =>
        list.filter((x) => x.index >= offset && x.index < end).map((x) => ({ ...x, index: x.index - offset }));
      const rejected = mine(result.rejected);
      p.resolve({
        accepted: p.inputs.length - rejected.length,
        rejected,
        warnings: mine(result.warnings),
        report: result.report,
        batchedWith: batch.length,
      });
      offset = end;
    }
  }
}

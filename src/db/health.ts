import { EventEmitter } from 'node:events';
import neo4j, { type Driver } from 'neo4j-driver';
import { HelixError } from '../errors.js';

export interface HealthOptions {
  database: string;
  /** The statement that proves Neo4j answers (a registry query: meta/get-server-info). */
  probe: string;
  /** Time between probes, up or down. */
  intervalMs: number;
  /** A probe that takes longer than this fails. */
  timeoutMs: number;
}

export interface HealthState {
  ok: boolean;
  /** When the state last changed (epoch ms). */
  since: number;
  version?: string;
  error?: string;
}

/**
 * Whether Neo4j answers, known within `intervalMs + timeoutMs` (≤ 3 s with the defaults) of a change. The driver's
 * own retries hide an outage for up to its retry time (30 s by default) and every request then waits that long; with
 * this state the executor refuses new work at once (SERVICE_UNAVAILABLE), fails the work in flight when the state
 * flips, and lets work through again as soon as a probe succeeds: recovery needs no restart.
 *
 * The probe uses a driver of its own (one connection) so a saturated request pool cannot make a healthy database
 * look down. A refused connection flips the state at once; probes that only time out (a busy machine, or a hung
 * server) flip it once nothing at all has answered for 15 s.
 */
export class Neo4jHealth {
  private state: HealthState = { ok: true, since: Date.now() };
  private lastSuccessAt = Date.now();
  private timer: NodeJS.Timeout | undefined;
  private inflight: Promise<HealthState> | undefined;
  private readonly events = new EventEmitter();

  constructor(
    private readonly probeDriver: Driver,
    private readonly options: HealthOptions,
  ) {
    this.events.setMaxListeners(0);
  }

  get ok(): boolean {
    return this.state.ok;
  }

  current(): HealthState {
    return { ...this.state };
  }

  /** Probes every `intervalMs` until close(). The timer never keeps the process alive. */
  start(): this {
    if (!this.timer) {
      this.timer = setInterval(() => void this.check(), this.options.intervalMs);
      this.timer.unref();
    }
    return this;
  }

  /** Probes now (callers arriving during a probe share it) and returns the resulting state. */
  check(): Promise<HealthState> {
    this.inflight ??= this.probe().finally(() => (this.inflight = undefined));
    return this.inflight;
  }

  /** A query of the request pool succeeded: the database answers. */
  noteSuccess(): void {
    this.lastSuccessAt = Date.now();
  }

  /** A query failed because Neo4j could not be reached: down now, without waiting for the next probe. */
  markDown(error: string): void {
    this.set(false, error);
  }

  /** Throws SERVICE_UNAVAILABLE while Neo4j is known to be away. */
  assertUp(): void {
    if (!this.state.ok) throw unavailable(this.state.error);
  }

  /**
   * Resolves true as soon as Neo4j answers again (at once when up), false after `timeoutMs`: for retry loops of
   * long work (ingestion batches) that should wait out a restart instead of spending their attempts on refusals.
   */
  whenUp(timeoutMs: number): Promise<boolean> {
    if (this.state.ok) return Promise.resolve(true);
    return new Promise((resolve) => {
      const onUp = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.events.off('up', onUp);
        resolve(false);
      }, timeoutMs);
      timer.unref();
      this.events.once('up', onUp);
    });
  }

  /** Rejects with SERVICE_UNAVAILABLE if the state flips to down before `work` settles (it is not awaited further). */
  guard<T>(work: Promise<T>): Promise<T> {
    if (!this.state.ok) {
      work.catch(() => undefined);
      return Promise.reject(unavailable(this.state.error));
    }
    return new Promise<T>((resolve, reject) => {
      const onDown = (error: string) => reject(unavailable(error));
      this.events.once('down', onDown);
      work.then(
        (v) => {
          this.events.off('down', onDown);
          resolve(v);
        },
        (e: unknown) => {
          this.events.off('down', onDown);
          reject(e as Error);
        },
      );
    });
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.probeDriver.close();
  }

  private async probe(): Promise<HealthState> {
    const started = Date.now();
    const session = this.probeDriver.session({ database: this.options.database, defaultAccessMode: neo4j.session.READ });
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new ProbeTimeout(this.options.timeoutMs)), this.options.timeoutMs);
      });
      const result = await Promise.race([session.run(this.options.probe, {}, { timeout: this.options.timeoutMs }), timeout]);
      this.lastSuccessAt = Date.now();
      this.set(true, undefined, String(result.records[0]?.get('version') ?? ''));
    } catch (error) {
      // A refused or broken connection means the database is away (a stopped Neo4j is known at once). A slow answer
      // may only mean a busy machine: a hung database is declared away after HUNG_MS without any query succeeding.
      if (!(error instanceof ProbeTimeout)) this.set(false, (error as Error).message);
      else if (started - this.lastSuccessAt >= HUNG_MS) this.set(false, `${(error as Error).message} (nothing answered for ${HUNG_MS / 1000} s)`);
    } finally {
      clearTimeout(timer);
      void session.close().catch(() => undefined);
    }
    return this.current();
  }

  private set(ok: boolean, error?: string, version?: string): void {
    const changed = ok !== this.state.ok;
    this.state = { ok, since: changed ? Date.now() : this.state.since, version: version ?? this.state.version, ...(ok ? {} : { error }) };
    if (changed) this.events.emit(ok ? 'up' : 'down', error ?? 'Neo4j is unavailable');
  }
}

/** Silence from every query for this long (probes timing out) counts as an outage. */
const HUNG_MS = 15_000;

class ProbeTimeout extends Error {
  constructor(ms: number) {
    super(`Neo4j did not answer within ${ms} ms`);
  }
}

function unavailable(reason: string | undefined): HelixError {
  return new HelixError('SERVICE_UNAVAILABLE', 'Neo4j is unavailable; retry shortly', reason ? { reason } : undefined);
}

import neo4j, { type Driver, type ManagedTransaction, type QueryResult } from 'neo4j-driver';
import type { Logger } from 'pino';
import { cypherDuration } from '../observability/metrics.js';
import { withSpan } from '../observability/tracing.js';
import { withoutCallSiteStack } from './call-site-stack.js';
import { toPlain } from './convert.js';
import { mapNeo4jError } from './errors.js';
import { HelixError } from '../errors.js';
import type { Neo4jHealth } from './health.js';
import { withReadRetry } from './read-retry.js';
import { READ_MODEL_QUERIES, invalidatesReadModels, readModelBuilds, readModelTouches } from './read-models.js';
import type { QueryRegistry } from './registry.js';

export type Row = Record<string, unknown>;
export type Params = Record<string, unknown>;

/** Who is asking: carried into Neo4j transaction metadata, logs and per-request round-trip counts. */
export interface QueryContext {
  op?: string;
  requestId?: string;
  timeoutMs?: number;
  /** Incremented once per Cypher round trip (tests assert batching with it). */
  counter?: { queries: number };
  /**
   * Read-your-writes across requests (Neo4j cluster): transactions of this context start after these bookmarks
   * (the client sends back the `helix-bookmark` header of its last mutation's answer).
   */
  bookmarks?: string[];
  /** Receives the bookmarks of this context's committed writes (sent to the client as `helix-bookmark`). */
  writtenBookmarks?: Set<string>;
}

export interface ExecutorOptions {
  database: string;
  txTimeoutMs: number;
  logger?: Logger;
  /** When given, work is refused at once while Neo4j is known to be away, and work in flight fails when it goes. */
  health?: Neo4jHealth;
  /** The driver's maxTransactionRetryTime (NEO4J_MAX_RETRY_MS, default 15 s): reads retry within it too. */
  maxRetryMs?: number;
}

/** Reads: attempts in all on retryable errors, and the first backoff (then 200 ms, …; see read-retry.ts). */
const READ_ATTEMPTS = 3;
const READ_RETRY_DELAY_MS = 100;

/** The single way Helix talks to Neo4j: named queries from the registry, plain rows back. */
export class Executor {
  constructor(
    readonly driver: Driver,
    readonly registry: QueryRegistry,
    private readonly options: ExecutorOptions,
  ) {}

  /** Whether Neo4j answers (undefined for executors built without one, e.g. bench children). */
  get health(): Neo4jHealth | undefined {
    return this.options.health;
  }

  /**
   * One named read as an auto-commit query (`session.run`), not a managed transaction (`executeRead`): Neo4j still
   * runs it in a transaction of its own, with the same timeout, metadata, bookmarks and READ access mode (a write in
   * it is refused), but the BEGIN and COMMIT messages (three socket writes become one), the COMMIT round trip and the
   * driver's transaction machinery are gone: about 0.4–0.6 ms of Node CPU per read (docs/benchmarks.md).
   *
   * What auto-commit gives up, and how it is kept:
   * - Routing: none lost. The driver picks the connection from the session's access mode for `run` exactly as for
   *   `executeRead` (session.js `_connectionHolderWithMode(this._mode)`), so with `neo4j://` reads still go to
   *   followers and read replicas.
   * - Retries: `executeRead` retries retryable errors for up to maxTransactionRetryTime; `session.run` retries only
   *   errors the server marks idempotent, once. Reads are retried here instead (read-retry.ts), bounded.
   * - Causal consistency: the session's bookmarks are sent with the RUN, as with BEGIN.
   * Writes keep managed transactions: a write is not safely re-runnable without one.
   */
  read(name: string, params: Params = {}, ctx: QueryContext = {}): Promise<Row[]> {
    const text = this.registry.get(name);
    return this.observe('READ', name, ctx, () =>
      withReadRetry(() => this.autoCommitRead(text, params, name, ctx), {
        attempts: READ_ATTEMPTS,
        initialDelayMs: READ_RETRY_DELAY_MS,
        maxRetryMs: this.options.maxRetryMs ?? 15_000,
        beforeRetry: () => this.options.health?.assertUp(),
        onRetry: (error, attempt, delayMs) =>
          this.options.logger?.warn({ query: name, attempt, delayMs, err: error, requestId: ctx.requestId }, 'cypher read retried'),
      }),
    );
  }

  write(name: string, params: Params = {}, ctx: QueryContext = {}): Promise<Row[]> {
    if (!invalidatesReadModels(name)) return this.run('WRITE', name, params, ctx);
    return this.steps(name, [{ name, params }], ctx).then(([r]) => r!);
  }

  /** Several named writes in one transaction, in order; each result is returned. */
  writeTx(steps: Array<{ name: string; params?: Params }>, ctx: QueryContext = {}): Promise<Row[][]> {
    return this.steps('tx:' + steps.map((s) => s.name).join('+'), steps, ctx);
  }

  /**
   * Capsules whose read model a committed write removed (src/db/read-models.ts): rebuildReadModels
   * (read-model-rebuild.ts) takes them. Losing them (a crash) leaves models absent, never stale: reads then use the
   * graph, and start-up rebuilds every missing model.
   */
  takeStaleReadModels(): string[] {
    const out = [...this.staleReadModels];
    this.staleReadModels.clear();
    return out;
  }

  private readonly staleReadModels = new Set<string>();

  /** Writes in one transaction; a write that can change nested lists first invalidates their read models in it. */
  private async steps(label: string, steps: Array<{ name: string; params?: Params }>, ctx: QueryContext): Promise<Row[][]> {
    let invalidated: string[] = [];
    const out = await this.session('WRITE', label, ctx, async (tx) => {
      invalidated = []; // a retried transaction starts over
      const results: Row[][] = [];
      for (const s of steps) {
        const touched = readModelTouches(s.name, s.params ?? {});
        if (touched && touched.length > 0) {
          const done = await tx.run(this.registry.get(READ_MODEL_QUERIES['read-models/invalidate-capsule-read-models']), { urns: touched });
          for (const r of done.records) invalidated.push(String(r.get('urn')));
        }
        results.push(rows(await tx.run(this.registry.get(s.name), s.params ?? {})));
      }
      return results;
    });
    for (const urn of invalidated) this.staleReadModels.add(urn);
    for (const s of steps) for (const urn of readModelBuilds(s.name, s.params ?? {})) this.staleReadModels.add(urn);
    return out;
  }

  /**
   * Streams the records of one named read, pulled from the driver as the consumer asks for them (the driver fetches
   * in batches and pauses when its buffer is full: backpressure reaches Neo4j). Records stay driver values (typed
   * Integers, temporals) for writers that must keep types. Aborting `signal`, breaking out of the loop or a consumer
   * error rolls the transaction back and closes the session, which stops the query on the server.
   */
  async *stream(name: string, params: Params = {}, ctx: QueryContext & { signal?: AbortSignal } = {}): AsyncGenerator<Record<string, unknown>> {
    if (ctx.counter) ctx.counter.queries += 1;
    ctx.signal?.throwIfAborted();
    // An abort is noticed by the consumer (its pending write rejects) or at the next record here; the loop then
    // unwinds through `finally`, which rolls back and closes. Closing the session from the abort event itself, while
    // the result was suspended mid-stream, left a connection in a bad protocol state that the pool handed to the
    // next, unrelated query ("DiscardMessage cannot be handled by a session in the READY state").
    this.options.health?.assertUp();
    const session = this.driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.READ, bookmarks: ctx.bookmarks });
    const tx = session.beginTransaction(this.txConfig(name, ctx));
    try {
      for await (const record of tx.run(this.registry.get(name), params)) {
        ctx.signal?.throwIfAborted();
        yield record.toObject();
      }
      ctx.signal?.throwIfAborted();
      await tx.commit();
    } catch (error) {
      if (ctx.signal?.aborted) throw ctx.signal.reason;
      throw mapNeo4jError(error, name);
    } finally {
      if (tx.isOpen()) await tx.rollback().catch(() => {});
      await session.close();
    }
  }

  /** Runs raw text (EXPLAIN checks, migrations): never user input. */
  async runText(text: string, params: Params = {}, mode: 'READ' | 'WRITE' = 'WRITE', ctx: QueryContext = {}): Promise<Row[]> {
    return this.session(mode, ctx.op ?? 'text', ctx, async (tx) => rows(await tx.run(text, params)));
  }

  /** Neo4j's type of a raw statement without running it (EXPLAIN): 'r' read-only, 'rw', 'w' write, 's' schema. */
  async explainType(text: string, params: Params = {}, ctx: QueryContext = {}): Promise<string> {
    return (await this.explain(text, params, ctx)).queryType;
  }

  /**
   * The operators of a raw statement's plan (EXPLAIN, nothing runs), one entry per place in the plan tree, depth first,
   * without the planner's '@neo4j' suffix: 'NodeUniqueIndexSeek', 'Apply', 'DirectedAllRelationshipsScan', ...
   */
  async explainOperators(text: string, params: Params = {}, ctx: QueryContext = {}): Promise<string[]> {
    const out: string[] = [];
    const walk = (p: PlanNode) => {
      out.push(p.operatorType.replace(/@.*$/, ''));
      for (const c of p.children) walk(c);
    };
    const { plan } = await this.explain(text, params, ctx);
    if (plan) walk(plan);
    return out;
  }

  /** EXPLAIN of a raw statement (a registry file's or a rule's own text; values only in `params`): its summary. */
  private explain(text: string, params: Params, ctx: QueryContext): Promise<{ queryType: string; plan: PlanNode | false }> {
    return this.session('READ', ctx.op ?? 'explain', ctx, async (tx) => {
      const { queryType, plan } = (await tx.run(`EXPLAIN ${text}`, params)).summary;
      return { queryType, plan: plan as PlanNode | false };
    });
  }

  private run(mode: 'READ' | 'WRITE', name: string, params: Params, ctx: QueryContext): Promise<Row[]> {
    const text = this.registry.get(name);
    return this.session(mode, name, ctx, async (tx) => rows(await tx.run(text, params)));
  }

  /** One auto-commit read on a session of its own (see read()). */
  private async autoCommitRead(text: string, params: Params, name: string, ctx: QueryContext): Promise<Row[]> {
    const session = this.driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.READ, bookmarks: ctx.bookmarks });
    try {
      return rows(await withoutCallSiteStack(() => session.run(text, params, this.txConfig(name, ctx))));
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  private txConfig(name: string, ctx: QueryContext) {
    return {
      timeout: ctx.timeoutMs ?? this.options.txTimeoutMs,
      metadata: { app: 'helix', op: ctx.op ?? name, query: name, requestId: ctx.requestId ?? '' },
    };
  }

  private session<T>(
    mode: 'READ' | 'WRITE',
    name: string,
    ctx: QueryContext,
    work: (tx: ManagedTransaction) => Promise<T>,
  ): Promise<T> {
    return this.observe(mode, name, ctx, () => {
      const session = this.driver.session({
        database: this.options.database,
        defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
        bookmarks: ctx.bookmarks,
      });
      const config = this.txConfig(name, ctx);
      // Managed transactions: the driver retries transient failures (deadlocks, leader switches) and routes reads to
      // followers / read replicas, writes to the leader.
      return (mode === 'READ' ? session.executeRead(work, config) : session.executeWrite(work, config)).finally(async () => {
        if (mode === 'WRITE' && ctx.writtenBookmarks) for (const b of session.lastBookmarks()) ctx.writtenBookmarks.add(b);
        await session.close().catch(() => undefined);
      });
    });
  }

  /** What every query goes through: round-trip counter, health guard, span, metrics, error mapping and its log. */
  private async observe<T>(mode: 'READ' | 'WRITE', name: string, ctx: QueryContext, start: () => Promise<T>): Promise<T> {
    if (ctx.counter) ctx.counter.queries += 1;
    const started = performance.now();
    const health = this.options.health;
    let outcome = 'ok';
    try {
      health?.assertUp();
      const pending = withSpan(`cypher ${name}`, { 'db.system': 'neo4j', 'db.operation': name }, start);
      // While Neo4j is away the driver would keep retrying for its whole retry time: the health state ends the wait.
      const result = health ? await health.guard(pending) : await pending;
      health?.noteSuccess();
      return result;
    } catch (error) {
      outcome = 'error';
      const mapped = mapNeo4jError(error, name);
      if (mapped.code === 'SERVICE_UNAVAILABLE' && !(error instanceof HelixError)) health?.markDown(mapped.message);
      this.options.logger?.warn({ query: name, code: mapped.code, err: error, requestId: ctx.requestId }, 'cypher failed');
      throw mapped;
    } finally {
      cypherDuration.observe({ query: name, mode, outcome }, (performance.now() - started) / 1000);
    }
  }
}

interface PlanNode {
  operatorType: string;
  children: PlanNode[];
}

function rows(result: QueryResult): Row[] {
  return result.records.map((r) => toPlain(r.toObject()) as Row);
}

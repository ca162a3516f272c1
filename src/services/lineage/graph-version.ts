import type { Executor, QueryContext } from '../../db/executor.js';
import { requireQueries } from '../../db/registry.js';

const Q = requireQueries(['meta/get-graph-version'] as const);

export interface GraphVersion {
  /** New whenever the graph is recreated ('empty' before the first write). */
  epoch: string;
  version: number;
}

/**
 * Reads the graph version for cache keys without a Neo4j round trip per request under load. Strict by default:
 * a caller only shares a read that *started after it asked*, so every write that completed before the request is
 * seen (callers arriving while a read is in flight share the next one). With `maxStalenessMs` > 0, a read that
 * started at most that long before the request is also good enough: writes of other processes (ingestions) are
 * then seen within that window, which takes the version read off the path of most cached answers. Mutations of
 * this process call `invalidate()`, so its own writes are always seen at once.
 */
export class GraphVersionReader {
  private inflight: { promise: Promise<GraphVersion>; startedAt: number } | undefined;
  private queued: Promise<GraphVersion> | undefined;
  private last: { value: GraphVersion; startedAt: number } | undefined;
  /** The newest version ever read, kept through invalidations: what cached answers are served at during an outage. */
  private lastKnown: GraphVersion | undefined;
  /** Reads that started before this may predate a write of this process. */
  private validFrom = 0;
  private readonly perRequest = new WeakMap<QueryContext, Promise<GraphVersion>>();

  constructor(
    private readonly exec: Executor,
    public maxStalenessMs = 0,
  ) {}

  /** One request sees one version: repeated reads with the same QueryContext share the first answer. */
  read(ctx: QueryContext = {}): Promise<GraphVersion> {
    let version = this.perRequest.get(ctx);
    if (!version) {
      // A request carrying bookmarks (read-your-writes in a cluster) reads the version itself, after its bookmarks:
      // a read shared with other requests may have been served by a member that has not applied its write yet.
      version = (ctx.bookmarks?.length ? this.readAfterBookmarks(ctx) : this.fresh(ctx)).catch((error: unknown) => {
        // Neo4j is away: nothing can have changed the graph through it, so answers cached at the last version read
        // are still right and are served (uncached questions fail with SERVICE_UNAVAILABLE).
        if (this.lastKnown && (error as { code?: string }).code === 'SERVICE_UNAVAILABLE') return this.lastKnown;
        throw error;
      });
      this.perRequest.set(ctx, version);
      version.catch(() => this.perRequest.delete(ctx));
    }
    return version;
  }

  private async readAfterBookmarks(ctx: QueryContext): Promise<GraphVersion> {
    const [row] = await this.exec.read(Q['meta/get-graph-version'], {}, ctx);
    return { epoch: String(row?.epoch ?? 'empty'), version: Number(row?.version ?? 0) };
  }

  /** Forget the last read (after a write of this process). */
  invalidate(): void {
    this.validFrom = performance.now();
    this.last = undefined;
    this.inflight = undefined;
  }

  private fresh(ctx: QueryContext): Promise<GraphVersion> {
    const askedAt = performance.now();
    if (this.maxStalenessMs > 0 && this.last && askedAt - this.last.startedAt <= this.maxStalenessMs) {
      return Promise.resolve(this.last.value);
    }
    if (!this.inflight) return this.start(ctx);
    if (this.inflight.startedAt >= askedAt - this.maxStalenessMs) return this.inflight.promise;
    this.queued ??= this.inflight.promise
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.start(ctx);
      });
    return this.queued;
  }

  private start(ctx: QueryContext): Promise<GraphVersion> {
    const startedAt = performance.now();
    const promise = this.exec.read(Q['meta/get-graph-version'], {}, ctx).then(([row]) => {
      const value = { epoch: String(row?.epoch ?? 'empty'), version: Number(row?.version ?? 0) };
      this.lastKnown = value;
      if (startedAt >= this.validFrom && (!this.last || this.last.startedAt < startedAt)) this.last = { value, startedAt };
      return value;
    });
    const entry = { promise, startedAt };
    this.inflight = entry;
    const clear = () => {
      if (this.inflight === entry) this.inflight = undefined;
    };
    promise.then(clear, clear);
    return promise;
  }
}

const readers = new WeakMap<Executor, GraphVersionReader>();

/** One reader per executor (per Neo4j connection), so all requests of a process share reads. */
export function graphVersionReader(exec: Executor): GraphVersionReader {
  let reader = readers.get(exec);
  if (!reader) readers.set(exec, (reader = new GraphVersionReader(exec)));
  return reader;
}

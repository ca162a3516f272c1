import type { Executor } from '../db/executor.js';
import { requireQueries } from '../db/registry.js';
import { contentHash } from './hash.js';
import type { ColumnLineageInput, ColumnLineageResult, DeriveColumnLineage } from '../../ingest/dbt/sql/types.js';
import { deriveOnWorkers, sqlLineageWorkerCount } from './sql-lineage-pool.js';

/** Below this many SQL statements to parse, worker start-up costs more than it saves. */
export const PARALLEL_SQL_LINEAGE_MIN = 64;

const Q = requireQueries([
  'ingest/get-sql-lineage-cache',
  'ingest/put-sql-lineage-cache',
  'ingest/prune-sql-lineage-cache',
] as const);

/**
 * Parsing SQL is the dearest part of a dbt ingestion, and most models do not change between two runs: results are
 * kept in the graph keyed by a hash of the SQL, the dialect and every upstream column list the derivation reads.
 */
export class SqlLineageMemo {
  private readonly used = new Map<string, string>();
  /** Results derived ahead of the mapping (on worker threads), by key. */
  private readonly prepared = new Map<string, string>();
  private fresh = 0;
  private hits = 0;

  private constructor(
    private readonly exec: Executor,
    private readonly scope: string,
    private readonly known: Map<string, string>,
  ) {}

  static async load(exec: Executor, scope: string): Promise<SqlLineageMemo> {
    const rows = await exec.read(Q['ingest/get-sql-lineage-cache'], { scope });
    return new SqlLineageMemo(exec, scope, new Map(rows.map((r) => [String(r.key), String(r.resultJson)])));
  }

  private key(input: ColumnLineageInput): string {
    return contentHash(this.scope, input.sql, input.adapter, input.upstreams, input.modelColumns ?? null);
  }

  /**
   * Derives, on worker threads, the lineage of the inputs the memo does not know yet. Only a speed-up: the mapping
   * still asks for every input in order and derives in this thread whatever was not prepared (an input that
   * changed since, or all of them if the workers failed).
   */
  async prepare(inputs: ColumnLineageInput[], workers = sqlLineageWorkerCount()): Promise<void> {
    const todo = new Map<string, ColumnLineageInput>();
    for (const input of inputs) {
      const key = this.key(input);
      if (!this.known.has(key)) todo.set(key, input);
    }
    if (todo.size < PARALLEL_SQL_LINEAGE_MIN || workers < 2) return;
    const results = await deriveOnWorkers([...todo.values()], workers).catch(() => undefined);
    if (!results) return;
    [...todo.keys()].forEach((key, i) => this.prepared.set(key, results[i]!));
  }

  wrap(derive: DeriveColumnLineage): DeriveColumnLineage {
    return (input) => {
      const key = this.key(input);
      const cached = this.known.get(key);
      if (cached !== undefined) {
        this.hits++;
        this.used.set(key, cached);
        return JSON.parse(cached) as ColumnLineageResult;
      }
      const prepared = this.prepared.get(key);
      if (prepared !== undefined) {
        this.fresh++;
        this.used.set(key, prepared);
        return JSON.parse(prepared) as ColumnLineageResult;
      }
      const result = derive(input);
      this.fresh++;
      this.used.set(key, JSON.stringify(result));
      return result;
    };
  }

  stats() {
    return { sqlLineageCacheHits: this.hits, sqlLineageDerived: this.fresh };
  }

  async save(): Promise<void> {
    const rows = [...this.used].filter(([k]) => !this.known.has(k)).map(([key, resultJson]) => ({ key, resultJson }));
    for (let i = 0; i < rows.length; i += 500) {
      await this.exec.write(Q['ingest/put-sql-lineage-cache'], { rows: rows.slice(i, i + 500), scope: this.scope });
    }
    await this.exec.write(Q['ingest/prune-sql-lineage-cache'], { scope: this.scope, keep: [...this.used.keys()] });
  }
}

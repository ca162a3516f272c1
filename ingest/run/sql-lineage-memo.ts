import type { Executor } from '../../src/db/executor.js';
import { requireQueries } from '../../src/db/registry.js';
import { contentHash } from '../core/hash.js';
import type { ColumnLineageResult, DeriveColumnLineage } from '../dbt/sql/types.js';

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

  wrap(derive: DeriveColumnLineage): DeriveColumnLineage {
    return (input) => {
      const key = contentHash(this.scope, input.sql, input.adapter, input.upstreams, input.modelColumns ?? null);
      const cached = this.known.get(key);
      if (cached !== undefined) {
        this.hits++;
        this.used.set(key, cached);
        return JSON.parse(cached) as ColumnLineageResult;
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

import { readFileSync } from 'node:fs';
import { fixturePath } from '../../../../support/corpus.js';
import type { ColumnLineageResult, UpstreamRelation } from '../../../../../ingest/dbt/sql/types.js';

/** An upstream named like dbt would: 'db.schema.table', 'schema.table', 'table'. */
export function upstream(urn: string, qualifiedName: string, columns: string[] = []): UpstreamRelation {
  const parts = qualifiedName.toLowerCase().split('.');
  return { urn, names: parts.map((_, i) => parts.slice(i).join('.')), columns };
}

/** Edges of one output column as sorted 'urn.column:kind' strings. */
export function edgesOf(result: ColumnLineageResult, column: string): string[] {
  return result.edges
    .filter((e) => e.column === column)
    .map((e) => `${e.upstreamUrn}.${e.upstreamColumn}:${e.transformation}`)
    .sort();
}

export function issueCodes(result: ColumnLineageResult): string[] {
  return result.issues.map((i) => i.code);
}

export function readSql(name: string): string {
  return readFileSync(fixturePath('sql-lineage', name), 'utf8');
}

/** Input and output of column-level lineage derivation from one model's compiled SQL. */
export interface UpstreamRelation {
  /** Capsule urn of the upstream (model, source, seed, snapshot). */
  urn: string;
  /** Lower-cased, unquoted names the SQL may use for it: 'db.schema.table', 'schema.table', 'table'. */
  names: string[];
  /** Lower-cased column names known for it (manifest ∪ catalog); empty when unknown. */
  columns: string[];
}

export interface ColumnLineageInput {
  sql: string;
  /** dbt adapter type: postgres, snowflake, bigquery, duckdb, databricks, spark, redshift, trino, ... */
  adapter: string;
  upstreams: UpstreamRelation[];
  /** Lower-cased columns known for the model itself, used to check and to expand output. */
  modelColumns?: string[];
}

export type { TransformationKind } from '../../common/transformation.js';
import type { TransformationKind } from '../../common/transformation.js';

export interface ColumnLineageEdge {
  /** Output column of the model, lower-cased. */
  column: string;
  upstreamUrn: string;
  /** Lower-cased. */
  upstreamColumn: string;
  transformation: TransformationKind;
}

export interface ColumnLineageResult {
  parsed: boolean;
  /** Output columns of the final SELECT, lower-cased, in order (after `*` expansion where possible). */
  outputColumns: string[];
  edges: ColumnLineageEdge[];
  issues: ColumnLineageIssue[];
}

export interface ColumnLineageIssue {
  /** SQL_PARSE_FAILED, SQL_TOO_LARGE, SQL_NO_SELECT, SQL_COLUMN_UNRESOLVED, SQL_STAR_UNEXPANDED, ... */
  code: string;
  message: string;
  /** How the caller should report it; absent means 'warning'. */
  severity?: 'error' | 'warning' | 'info';
  /** Output column the issue is about, lower-cased. */
  column?: string;
}

export type DeriveColumnLineage = (input: ColumnLineageInput) => ColumnLineageResult;

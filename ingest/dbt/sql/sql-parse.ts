import pkg from 'node-sql-parser';
import { relaxSql } from './sql-relax.js';

const { Parser } = pkg;

/** node-sql-parser `database` names, primary first, for each dbt adapter type. */
const ADAPTER_DIALECTS: Record<string, string[]> = {
  postgres: ['PostgresQL', 'Redshift', 'Trino'],
  redshift: ['Redshift', 'PostgresQL', 'Trino'],
  snowflake: ['Snowflake', 'PostgresQL', 'Redshift'],
  bigquery: ['BigQuery', 'Snowflake', 'Trino'],
  databricks: ['Hive', 'BigQuery', 'Trino'],
  spark: ['Hive', 'BigQuery', 'Trino'],
  trino: ['Trino', 'PostgresQL', 'Athena'],
  athena: ['Trino', 'Athena', 'PostgresQL'],
  // DuckDB is closest to Postgres but also accepts Snowflake/BigQuery-isms (`exclude`, `qualify`).
  duckdb: ['PostgresQL', 'Snowflake', 'Trino'],
  sqlite: ['Sqlite', 'PostgresQL', 'MySQL'],
  mysql: ['MySQL', 'MariaDB'],
  mariadb: ['MariaDB', 'MySQL'],
  sqlserver: ['TransactSQL'],
  fabric: ['TransactSQL'],
  synapse: ['TransactSQL'],
};

/** Last resort for every adapter, so an unusual construct of one dialect still gets a chance in another grammar. */
const GENERIC_FALLBACK = ['PostgresQL', 'Snowflake', 'BigQuery', 'Trino'];
const MAX_ATTEMPTS = 4;
/**
 * A failed attempt costs time roughly in proportion to the text (and more on deeply nested SQL): large SQL gets
 * fewer attempts, and other grammars are not tried once this much time went into one statement (a safety net for
 * pathological input; below it, results do not depend on machine speed).
 */
const RETRY_BUDGET_MS = 10_000;
const ATTEMPTS_BY_SIZE: Array<[maxBytes: number, attempts: number]> = [
  [64 * 1024, 8],
  [256 * 1024, 4],
  [Number.POSITIVE_INFINITY, 2],
];
const MESSAGE_LIMIT = 300;

export function dialectsForAdapter(adapter: string): string[] {
  const primary = ADAPTER_DIALECTS[adapter.trim().toLowerCase()] ?? [];
  return [...new Set([...primary, ...GENERIC_FALLBACK])].slice(0, MAX_ATTEMPTS);
}

export type ParseOutcome =
  | { ok: true; statements: unknown[]; dialect: string }
  | { ok: false; tried: string[]; message: string };

let parser: InstanceType<typeof Parser> | undefined;

function sharedParser(): InstanceType<typeof Parser> {
  parser ??= new Parser();
  return parser;
}

/**
 * Parses `sql` with the adapter's dialect, then with a relaxed rewrite of the text (sql-relax.ts), then with other
 * plausible dialects, plain and relaxed. Failed attempts are the slow ones (PEG backtracking), hence this order
 * (most rescues first) and the limits below. Never throws.
 */
export function parseSql(sql: string, adapter: string): ParseOutcome {
  const [primary = 'PostgresQL', ...others] = dialectsForAdapter(adapter);
  const bytes = Buffer.byteLength(sql, 'utf8');
  const attempts = (ATTEMPTS_BY_SIZE.find(([max]) => bytes <= max) ?? [0, 2])[1];
  const tried: string[] = [];
  let message = '';
  const started = Date.now();
  const attempt = (database: string, text: string, label: string): ParseOutcome | undefined => {
    tried.push(`${database}${label}`);
    try {
      const ast: unknown = sharedParser().astify(text, { database });
      return { ok: true, statements: Array.isArray(ast) ? ast : [ast], dialect: `${database}${label}` };
    } catch (error) {
      if (!message) message = describeError(error);
      return undefined;
    }
  };
  // The first attempt (the adapter's grammar, the text as written) parses most models: the relaxed rewrite, a fifth
  // of a model's parse time, is only computed when it fails. The attempts and their order are the same either way.
  const first = attempt(primary, sql, '');
  if (first) return first;
  const relaxed = relaxSql(sql, BACKTICK_DIALECTS.has(primary) ? '`' : '"');
  const texts: Array<[string, string]> = relaxed === sql ? [[sql, '']] : [[sql, ''], [relaxed, ' (relaxed)']];
  const plan: Array<[string, string, string]> = [
    ...texts.map(([text, label]): [string, string, string] => [primary, text, label]),
    ...texts.flatMap(([text, label]) => others.map((db): [string, string, string] => [db, text, label])),
  ];
  for (const [index, [database, text, label]] of plan.slice(0, attempts).entries()) {
    if (index === 0) continue; // tried above
    // The adapter's own grammar always gets the plain and the relaxed text; other grammars only within the budget.
    if (index >= texts.length && Date.now() - started > RETRY_BUDGET_MS) break;
    const outcome = attempt(database, text, label);
    if (outcome) return outcome;
  }
  return { ok: false, tried, message };
}

const BACKTICK_DIALECTS = new Set(['BigQuery', 'Hive', 'MySQL', 'MariaDB']);

function describeError(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const location = (error as { location?: { start?: { line?: number; column?: number } } } | null)?.location?.start;
  const where = location?.line ? ` (line ${location.line}, column ${location.column ?? '?'})` : '';
  const message = raw.length > MESSAGE_LIMIT ? `${raw.slice(0, MESSAGE_LIMIT)}…` : raw;
  return `${message}${where}`;
}

import { QueryResolver } from './query-resolver.js';
import { mergeOrigins, type ColumnLineage, type Relation } from './relation.js';
import { asSelect, isNode, quotedStringsToColumns, type AstNode } from './sql-ast.js';
import { parseSql } from './sql-parse.js';
import type {
  ColumnLineageEdge,
  ColumnLineageInput,
  ColumnLineageIssue,
  ColumnLineageResult,
  DeriveColumnLineage,
} from './types.js';
import { UpstreamIndex } from './upstream-index.js';

/** Compiled SQL above this size is skipped: the PEG parser's time grows quickly with input size. */
export const MAX_SQL_BYTES = 500 * 1024;
const LIST_LIMIT = 10;
/** Grammars whose `"x"` in an expression is an identifier although the AST calls it a string. */
const QUOTED_IDENTIFIER_DIALECTS = new Set(['Snowflake', 'Sqlite', 'TransactSQL', 'Athena']);

/**
 * Column-level lineage of one dbt model from its compiled SQL: which upstream columns each output column of the
 * final SELECT derives from, and how. Pure and total: never throws, every problem becomes an issue.
 * Rules: docs/model/column-lineage.md.
 */
export const deriveColumnLineage: DeriveColumnLineage = (input) => {
  try {
    const sql = typeof input.sql === 'string' ? input.sql : '';
    if (sql.trim().length === 0) return failed('SQL_PARSE_FAILED', 'warning', 'no SQL to parse (empty compiled code)');
    const bytes = Buffer.byteLength(sql, 'utf8');
    if (bytes > MAX_SQL_BYTES) {
      return failed('SQL_TOO_LARGE', 'warning', `compiled SQL is ${bytes} bytes (limit ${MAX_SQL_BYTES}); skipped`);
    }
    const outcome = parseSql(prepare(sql), input.adapter ?? '');
    if (!outcome.ok) {
      const message = `could not parse SQL (tried ${outcome.tried.join(', ')}): ${outcome.message}`;
      return failed('SQL_PARSE_FAILED', 'warning', message);
    }
    if (QUOTED_IDENTIFIER_DIALECTS.has(outcome.dialect.split(' ')[0] ?? '')) quotedStringsToColumns(outcome.statements);
    const select = lastSelect(outcome.statements);
    if (!select) {
      return { ...failed('SQL_NO_SELECT', 'info', 'the compiled SQL has no SELECT statement'), parsed: true };
    }
    return lineageOf(select, input);
  } catch (error) {
    // Reported as not derived (parsed: false) so that callers keep the lineage they had.
    const message = error instanceof Error ? error.message : String(error);
    return failed('SQL_LINEAGE_FAILED', 'warning', `lineage derivation failed: ${message}`);
  }
};

function lineageOf(select: AstNode, input: ColumnLineageInput): ColumnLineageResult {
  const resolver = new QueryResolver(new UpstreamIndex(input.upstreams ?? []));
  const relation = resolver.resolve(select);
  const issues: ColumnLineageIssue[] = [];
  const columns = outputColumns(relation, input.modelColumns, issues);

  const edges: ColumnLineageEdge[] = [];
  for (const column of columns) {
    for (const origin of mergeOrigins([column.origins])) {
      edges.push({ column: column.name, upstreamUrn: origin.urn, upstreamColumn: origin.column, transformation: origin.kind });
    }
    const unresolved = [...new Set(column.unresolved)];
    if (unresolved.length > 0) {
      const partly = column.origins.length > 0 ? ' (lineage is partial)' : '';
      issues.push({
        code: 'SQL_COLUMN_UNRESOLVED',
        severity: 'info',
        column: column.name,
        message: `column ${column.name}: cannot resolve ${listed(unresolved)}${partly}`,
      });
    }
  }
  const { externalRelations, unmatchedStars } = resolver.notes;
  if (externalRelations.size > 0) {
    issues.push({
      code: 'SQL_RELATION_NOT_UPSTREAM',
      severity: 'info',
      message: `relations read that are not upstreams, no lineage through them: ${listed([...externalRelations])}`,
    });
  }
  for (const star of new Set(unmatchedStars)) {
    issues.push({ code: 'SQL_COLUMN_UNRESOLVED', severity: 'info', message: `${star} matches no relation in its FROM` });
  }
  return { parsed: true, outputColumns: columns.map((c) => c.name), edges, issues };
}

/**
 * The final SELECT's columns, first occurrence per name. A `*` over a relation whose columns are unknown is
 * completed from the model's own known columns; without them the output stays incomplete (SQL_STAR_UNEXPANDED).
 */
function outputColumns(relation: Relation, modelColumns: string[] | undefined, issues: ColumnLineageIssue[]): ColumnLineage[] {
  const byName = new Map<string, ColumnLineage>();
  for (const column of relation.columns) if (!byName.has(column.name)) byName.set(column.name, column);
  if (!relation.open) return [...byName.values()];
  const given = Array.isArray(modelColumns) ? modelColumns.filter((c): c is string => typeof c === 'string') : [];
  const known = given.map((c) => c.toLowerCase()).filter((c) => c.length > 0);
  if (known.length === 0 && relation.incomplete) {
    issues.push({
      code: 'SQL_STAR_UNEXPANDED',
      severity: 'info',
      message: 'a * over a relation with unknown columns cannot be expanded and the model lists no columns',
    });
  }
  for (const name of known) {
    if (byName.has(name)) continue;
    byName.set(name, relation.lookup(name) ?? { name, origins: [], unresolved: [name] });
  }
  return [...byName.values()];
}

/** The model's SELECT: the last SELECT statement, or the query of a CREATE ... AS SELECT. */
function lastSelect(statements: unknown[]): AstNode | undefined {
  for (let i = statements.length - 1; i >= 0; i--) {
    const statement = statements[i];
    const select = asSelect(statement) ?? (isNode(statement) ? asSelect(statement.query_expr) : undefined);
    if (select) return select;
  }
  return undefined;
}

/** Trailing semicolons and whitespace confuse some grammars into an empty second statement. */
function prepare(sql: string): string {
  return sql.replace(/^\uFEFF/, '').replace(/[\s;]+$/, '');
}

function failed(code: string, severity: ColumnLineageIssue['severity'], message: string): ColumnLineageResult {
  return { parsed: false, outputColumns: [], edges: [], issues: [{ code, severity, message }] };
}

function listed(items: string[]): string {
  const shown = items.slice(0, LIST_LIMIT).join(', ');
  return items.length > LIST_LIMIT ? `${shown} and ${items.length - LIST_LIMIT} more` : shown;
}

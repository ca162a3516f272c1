/**
 * Defensive readers over node-sql-parser's AST. Its shape differs between dialect grammars (an identifier may be a
 * string, `{type, value}`, or `{expr: {type, value}}`), so everything here takes `unknown` and never throws.
 */
export type AstNode = Record<string, unknown>;

export function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Lower-cased, unquoted identifier text, or undefined when `value` is not an identifier. */
export function identifierText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.length > 0 ? value.toLowerCase() : undefined;
  if (!isNode(value)) return undefined;
  if (value.type === 'column_ref') return identifierText(value.column);
  if (typeof value.value === 'string') return identifierText(value.value);
  if ('expr' in value) return identifierText(value.expr);
  return undefined;
}

/** A SELECT's AST (unwrapping `{ast}` envelopes), or undefined. */
export function asSelect(value: unknown): AstNode | undefined {
  if (!isNode(value)) return undefined;
  if (isNode(value.ast)) return asSelect(value.ast);
  return value.type === 'select' ? value : undefined;
}

export function isSubquery(value: unknown): boolean {
  return asSelect(value) !== undefined;
}

export interface ColumnPath {
  /** Relation qualifier parts, e.g. ['s', 't'] for `s.t.c`; empty when unqualified. */
  qualifier: string[];
  column: string;
  /** Struct fields / JSON path segments after the column (`t.st.f`, Snowflake `col:a:b`). */
  fields: string[];
  /** True when the reference digs into the value (struct field, JSON path, array index). */
  extraction: boolean;
}

/** Reads a `column_ref`; returns undefined for `*` (see starQualifier) and anything unreadable. */
export function columnPath(ref: AstNode): ColumnPath | undefined {
  const columnParts = dottedParts(ref.column);
  const column = columnParts[columnParts.length - 1];
  if (column === undefined || column === '*') return undefined;
  const parts = [ref.db, ref.schema, ref.table].map(identifierText).filter(isString);
  parts.push(...columnParts);
  const notations = Array.isArray(ref.notations) ? ref.notations : [];
  // Snowflake `a:b:c` comes back as schema a, table b, column c with ':' notations: the column is `a`.
  const firstColon = notations.findIndex((n) => n === ':');
  const rootIndex = firstColon >= 0 ? Math.max(0, firstColon - (notations.length - parts.length) - 1) : parts.length - 1;
  const subFields = Array.isArray(ref.subFields) ? ref.subFields.map(identifierText).filter(isString) : [];
  const indexed = hasItems(ref.array_index) || (isNode(ref.column) && hasItems(ref.column.offset));
  const fields = [...parts.slice(rootIndex + 1), ...subFields];
  return {
    qualifier: parts.slice(0, rootIndex),
    column: parts[rootIndex] ?? column,
    fields,
    extraction: fields.length > 0 || indexed,
  };
}

/** `"db"."schema"."t".c` arrives (Postgres grammar) as a chain of '.' binary expressions inside the column. */
function dottedParts(value: unknown): string[] {
  const inner = isNode(value) && isNode(value.expr) && value.expr.type === 'binary_expr' ? value.expr : value;
  if (isNode(inner) && inner.type === 'binary_expr' && inner.operator === '.') {
    return [...dottedParts(inner.left), ...dottedParts(inner.right)];
  }
  const text = identifierText(inner);
  return text === undefined ? [] : [text];
}

/** For a star reference (`*`, `t.*`): its qualifier parts (empty for a bare `*`); undefined if not a star. */
export function starQualifier(ref: AstNode): string[] | undefined {
  if (ref.type !== 'column_ref' || ref.column !== '*') return undefined;
  return [ref.db, ref.schema, ref.table].map(identifierText).filter(isString);
}

/** Names listed after BigQuery `* EXCEPT (...)` or Snowflake/DuckDB `* EXCLUDE (...)`. */
export function excludedColumns(item: AstNode): Set<string> {
  const names = new Set<string>();
  const lists: unknown[] = [];
  if (item.type === 'except' && Array.isArray(item.expr_list)) lists.push(...item.expr_list);
  const expr = isNode(item.expr) ? item.expr : undefined;
  const suffix = expr && isNode(expr.suffix) ? expr.suffix : undefined;
  if (suffix && functionName(suffix) === 'exclude' && isNode(suffix.args) && Array.isArray(suffix.args.value)) {
    lists.push(...suffix.args.value);
  }
  for (const entry of lists) {
    const name = identifierText(isNode(entry) && isNode(entry.expr) ? entry.expr : entry);
    if (name) names.add(name);
  }
  return names;
}

/** Lower-cased function name (last part of a qualified name), or undefined. */
export function functionName(node: AstNode): string | undefined {
  const name = node.name;
  if (typeof name === 'string') return name.toLowerCase();
  if (!isNode(name)) return undefined;
  // BigQuery puts some names in `schema` and leaves `name` an empty list.
  const parts = Array.isArray(name.name) ? name.name : [name.name];
  return identifierText(parts[parts.length - 1]) ?? identifierText(name.schema);
}

/** Qualified relation name parts of a FROM item naming a table, e.g. ['db', 'schema', 'table']. */
export function tableNameParts(item: AstNode): string[] | undefined {
  const table = identifierText(item.table);
  if (table === undefined) return undefined;
  const db = identifierText(item.db) ?? identifierText(item.catalog);
  const schema = identifierText(item.schema);
  return [db, schema, table].filter(isString);
}

/** Alias of a FROM item or select item; `v(a, b)` style aliases also yield their column list. */
export function aliasOf(node: AstNode): { name?: string; columns?: string[] } {
  const raw = node.as;
  if (raw === null || raw === undefined) return {};
  const text = identifierText(raw);
  if (text === undefined) return {};
  const match = /^\s*([^()\s]+)\s*\(([^)]*)\)\s*$/.exec(text);
  if (!match) return { name: unquote(text) };
  const columns = (match[2] ?? '').split(',').map((c) => unquote(c.trim())).filter((c) => c.length > 0);
  return { name: unquote(match[1] ?? ''), columns };
}

export function unquote(name: string): string {
  const trimmed = name.trim();
  const quoted = /^(["`[])(.*)(["`\]])$/.exec(trimmed);
  return (quoted ? (quoted[2] ?? '') : trimmed).toLowerCase();
}

/** Child AST values of a node, for generic walks. */
export function children(node: AstNode): unknown[] {
  return Object.values(node).filter((v) => typeof v === 'object' && v !== null);
}

function isString(value: string | undefined): value is string {
  return value !== undefined;
}

function hasItems(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}

/**
 * Grammars that read a lone `"name"` in an expression as a `double_quote_string` although the dialect means an
 * identifier (Snowflake, SQLite, T-SQL, Athena): rewrites those nodes in place into column references.
 */
export function quotedStringsToColumns(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => {
      if (isQuotedString(item)) node[i] = asColumnRef(item);
      else quotedStringsToColumns(item);
    });
    return;
  }
  if (!isNode(node) || node.type === 'column_ref') return;
  for (const [key, value] of Object.entries(node)) {
    if (isQuotedString(value)) node[key] = asColumnRef(value);
    else quotedStringsToColumns(value);
  }
}

function isQuotedString(value: unknown): value is AstNode {
  return isNode(value) && value.type === 'double_quote_string' && typeof value.value === 'string';
}

function asColumnRef(value: AstNode): AstNode {
  return { type: 'column_ref', table: null, column: value.value };
}

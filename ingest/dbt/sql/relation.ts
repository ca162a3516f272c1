import { strongerKind } from '../../common/transformation.js';
import type { TransformationKind, UpstreamRelation } from './types.js';

/** One upstream column a value derives from, with the strongest transformation seen along the way. */
export interface Origin {
  urn: string;
  column: string;
  kind: TransformationKind;
}

/** What is known about one column of a relation (a CTE, subquery, upstream table or the final SELECT). */
export interface ColumnLineage {
  name: string;
  origins: Origin[];
  /** Column references on the way that could not be resolved (for SQL_COLUMN_UNRESOLVED). */
  unresolved: string[];
}

/**
 * A relation as seen by the resolver. `columns` are the ones we can enumerate; `lookup` also answers for columns we
 * cannot enumerate (`select *` over a relation whose columns are unknown) and returns undefined for "no such column".
 */
export interface Relation {
  columns: ColumnLineage[];
  /** True when `lookup` may answer for names not in `columns` (a `*` over a relation with unlisted columns). */
  open: boolean;
  /** True when `columns` is certainly not all of them: a `*` over a relation whose columns are entirely unknown. */
  incomplete: boolean;
  lookup(name: string): ColumnLineage | undefined;
}

/** Origins re-tagged with at least `kind`, deduplicated by upstream column (strongest kind wins). */
export function mergeOrigins(groups: Origin[][], kind: TransformationKind = 'identity'): Origin[] {
  const byKey = new Map<string, Origin>();
  for (const origins of groups) {
    for (const origin of origins) {
      const key = `${origin.urn}\u0000${origin.column}`;
      const next = strongerKind(origin.kind, kind);
      const seen = byKey.get(key);
      byKey.set(key, seen ? { ...seen, kind: strongerKind(seen.kind, next) } : { ...origin, kind: next });
    }
  }
  return [...byKey.values()];
}

function listedLookup(columns: ColumnLineage[]): Map<string, ColumnLineage> {
  const byName = new Map<string, ColumnLineage>();
  for (const column of columns) if (!byName.has(column.name)) byName.set(column.name, column);
  return byName;
}

/** A relation over explicitly listed columns, optionally answering other names through `fallback`. */
export function listedRelation(
  columns: ColumnLineage[],
  fallback?: (name: string) => ColumnLineage | undefined,
  incomplete = false,
): Relation {
  const byName = listedLookup(columns);
  return {
    columns,
    open: fallback !== undefined,
    incomplete,
    lookup: (name) => byName.get(name) ?? fallback?.(name),
  };
}

/**
 * An upstream model/source/seed. Its listed columns come from manifest and catalog, which may be partial or stale
 * (documented columns only, catalog of another run), so it stays open: any name the SQL uses on it is accepted as
 * an identity column of that upstream.
 */
export function upstreamRelation(upstream: UpstreamRelation): Relation {
  const columnOf = (name: string): ColumnLineage => ({
    name,
    origins: [{ urn: upstream.urn, column: name, kind: 'identity' }],
    unresolved: [],
  });
  const listed = Array.isArray(upstream.columns) ? upstream.columns.filter((c) => typeof c === 'string') : [];
  const columns = [...new Set(listed.map((c) => c.toLowerCase()))].map(columnOf);
  return { columns, open: true, incomplete: columns.length === 0, lookup: columnOf };
}

/** A table that is not an upstream (information_schema, `this`, an unknown source): columns lead nowhere. */
export function externalRelation(): Relation {
  return { columns: [], open: true, incomplete: true, lookup: (name) => ({ name, origins: [], unresolved: [] }) };
}

/**
 * A table-valued function (unnest, flatten, generate_series): every column it yields derives from the columns of
 * its arguments, as an expression. Its columns are the alias list or the function's known ones, else any name.
 */
export function functionRelation(argumentOrigins: ColumnLineage, columnNames: string[]): Relation {
  const columnOf = (name: string): ColumnLineage => ({
    name,
    origins: mergeOrigins([argumentOrigins.origins], 'expression'),
    unresolved: argumentOrigins.unresolved,
  });
  const columns = columnNames.map(columnOf);
  if (columns.length > 0) return listedRelation(columns);
  return { columns, open: true, incomplete: true, lookup: columnOf };
}

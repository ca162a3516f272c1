import { mergeOrigins, type ColumnLineage, type Relation } from './relation.js';
import type { ColumnPath } from './sql-ast.js';

/** One FROM item of a SELECT as visible to its column references. */
export interface Source {
  /** Alias, or the table's own (last) name when unaliased. */
  alias: string | undefined;
  /** Qualified name parts for table references, for `schema.table.column` qualifiers. */
  nameParts: string[];
  relation: Relation;
  /** Table-valued functions (BigQuery `unnest(x) as v`): the alias is also usable as a column. */
  isFunction: boolean;
}

/** The lineage a column reference leads to; `extracted` when it digs into the value (struct field, JSON path). */
export interface ResolvedRef {
  lineage: ColumnLineage;
  extracted: boolean;
}

/** Column-reference resolution for one SELECT: its FROM sources, earlier select-list aliases, then the outer query. */
export class Scope {
  readonly sources: Source[] = [];
  /** Earlier select items by output name (lateral column aliases: Snowflake, BigQuery, DuckDB, Redshift). */
  readonly laterals = new Map<string, ColumnLineage>();

  constructor(private readonly parent?: Scope) {}

  add(source: Source): void {
    this.sources.push(source);
  }

  /** Sources a star qualifier (`t.*`, `schema.t.*`) designates; all sources for a bare `*`. */
  starSources(qualifier: string[]): Source[] {
    if (qualifier.length === 0) return this.sources;
    const source = this.matchSource(qualifier);
    return source ? [source] : [];
  }

  resolve(path: ColumnPath): ResolvedRef | undefined {
    const qualified = this.resolveQualified(path);
    if (qualified) return qualified;
    // No relation in reach matches the qualifier: it is a struct column (`white.rating`) or plainly unqualified. A
    // struct root must be a known column: `x.col` with an unknown `x` is not guessed into a column `x`.
    const [root = path.column, ...fields] = [...path.qualifier, path.column, ...path.fields];
    const struct = path.qualifier.length > 0;
    return this.resolveOutward(root, fields, path.extraction || struct, !struct);
  }

  private resolveOutward(root: string, fields: string[], extraction: boolean, guess: boolean): ResolvedRef | undefined {
    return (
      this.resolveUnqualified(root, fields, extraction, guess) ?? this.parent?.resolveOutward(root, fields, extraction, guess)
    );
  }

  /** A qualified reference, here or in an enclosing query (correlated subquery). */
  private resolveQualified(path: ColumnPath): ResolvedRef | undefined {
    const { qualifier } = path;
    for (let k = qualifier.length; k >= 1; k--) {
      const source = this.matchSource(qualifier.slice(0, k));
      if (!source) continue;
      const [root = path.column, ...fields] = [...qualifier.slice(k), path.column, ...path.fields];
      return this.fromSource(source, root, fields, path.extraction);
    }
    return qualifier.length > 0 ? this.parent?.resolveQualified(path) : undefined;
  }

  /** `guess`: may fall back to the single FROM item whose columns are not all known. */
  private resolveUnqualified(root: string, fields: string[], extraction: boolean, guess: boolean): ResolvedRef | undefined {
    const listing = this.sources.filter((s) => hasListed(s.relation, dotted(root, fields)) || hasListed(s.relation, root));
    if (listing.length === 1) return this.fromSource(listing[0] as Source, root, fields, extraction);
    if (listing.length > 1) {
      // Only legal SQL when joined USING/NATURAL on that column: the value comes from all of them.
      const refs = listing.map((s) => this.fromSource(s, root, fields, extraction));
      const lineage: ColumnLineage = {
        name: root,
        origins: mergeOrigins(refs.map((r) => r.lineage.origins)),
        unresolved: refs.flatMap((r) => r.lineage.unresolved),
      };
      return { lineage, extracted: refs.some((r) => r.extracted) };
    }
    const unnested = this.sources.find((s) => s.isFunction && s.alias === root);
    if (unnested) return this.fromSource(unnested, root, fields, extraction);
    // An earlier alias beats a relation whose columns we merely cannot enumerate.
    const lateral = this.laterals.get(root);
    if (lateral) return { lineage: lateral, extracted: extraction || fields.length > 0 };
    if (!guess) return undefined;
    const open = this.sources.filter((s) => s.relation.open && s.relation.lookup(root) !== undefined);
    if (open.length === 1) return this.fromSource(open[0] as Source, root, fields, extraction);
    return undefined;
  }

  private fromSource(source: Source, root: string, fields: string[], extraction: boolean): ResolvedRef {
    if (fields.length > 0) {
      // Catalogs list nested fields as dotted columns (`white.rating`); prefer that exact column when known.
      const nested = listed(source.relation, dotted(root, fields));
      if (nested) return { lineage: nested, extracted: false };
    }
    const lineage = source.relation.lookup(root);
    if (lineage) return { lineage, extracted: extraction || fields.length > 0 };
    return { lineage: { name: root, origins: [], unresolved: [root] }, extracted: false };
  }

  private matchSource(qualifier: string[]): Source | undefined {
    const joined = qualifier.join('.');
    if (qualifier.length === 1) {
      const byAlias = this.sources.find((s) => s.alias === joined);
      if (byAlias) return byAlias;
    }
    // `schema.table.column`, or the table's own name although it has an alias (tolerated by some engines).
    return this.sources.find((s) => s.nameParts.length >= qualifier.length && endsWith(s.nameParts, qualifier));
  }
}

function dotted(root: string, fields: string[]): string {
  return [root, ...fields].join('.');
}

function listed(relation: Relation, name: string): ColumnLineage | undefined {
  return relation.columns.find((c) => c.name === name);
}

function hasListed(relation: Relation, name: string): boolean {
  return listed(relation, name) !== undefined;
}

function endsWith(parts: string[], suffix: string[]): boolean {
  const offset = parts.length - suffix.length;
  return suffix.every((part, i) => parts[offset + i] === part);
}

import { expressionLineage, type ExpressionContext } from './expression-lineage.js';
import {
  externalRelation,
  functionRelation,
  listedRelation,
  mergeOrigins,
  upstreamRelation,
  type ColumnLineage,
  type Relation,
} from './relation.js';
import { Scope, type Source } from './scope.js';
import { combineSetOperation, renameColumns } from './set-operations.js';
import {
  aliasOf,
  asSelect,
  columnPath,
  excludedColumns,
  functionName,
  identifierText,
  isNode,
  starQualifier,
  tableNameParts,
  type AstNode,
} from './sql-ast.js';
import type { UpstreamIndex } from './upstream-index.js';

const EPHEMERAL_CTE_PREFIX = '__dbt__cte__';

/** What the resolver noticed on the way, for the caller's issues. */
export interface ResolverNotes {
  /** Tables referenced that are neither CTEs nor upstreams (information_schema, `this`, ...). */
  externalRelations: Set<string>;
  /** `t.*` whose qualifier matched no FROM item. */
  unmatchedStars: string[];
}

/** CTE names visible at a point of the query, innermost WITH first. */
class CteEnv {
  private readonly byName = new Map<string, Relation>();
  constructor(private readonly parent?: CteEnv) {}
  get(name: string): Relation | undefined {
    return this.byName.get(name) ?? this.parent?.get(name);
  }
  set(name: string, relation: Relation): void {
    this.byName.set(name, relation);
  }
}

/** Resolves SELECT statements (WITH, set operations, FROM items, select lists) to column lineage. */
export class QueryResolver {
  private readonly upstreamRelations = new Map<string, Relation>();

  constructor(
    private readonly index: UpstreamIndex,
    readonly notes: ResolverNotes = { externalRelations: new Set(), unmatchedStars: [] },
  ) {}

  resolve(select: AstNode): Relation {
    return this.statement(select, undefined, undefined);
  }

  private statement(select: AstNode, env: CteEnv | undefined, outer: Scope | undefined): Relation {
    const localEnv = this.withClause(select, env, outer);
    const branches: Relation[] = [this.core(select, localEnv, outer)];
    for (let next = asSelect(select._next); next; next = asSelect(next._next)) {
      branches.push(this.core(next, this.withClause(next, localEnv, outer), outer));
    }
    return branches.length === 1 ? (branches[0] as Relation) : combineSetOperation(branches);
  }

  private withClause(select: AstNode, env: CteEnv | undefined, outer: Scope | undefined): CteEnv | undefined {
    if (!Array.isArray(select.with) || select.with.length === 0) return env;
    const local = new CteEnv(env);
    for (const item of select.with) {
      if (!isNode(item)) continue;
      const name = identifierText(item.name);
      const body = asSelect(item.stmt);
      if (!name || !body) continue;
      // A recursive CTE's reference to itself adds nothing beyond its base case.
      if (item.recursive === true) local.set(name, listedRelation([], (n) => ({ name: n, origins: [], unresolved: [] }), true));
      const relation = this.statement(body, local, outer);
      const columnNames = Array.isArray(item.columns) ? item.columns.map(identifierText) : [];
      local.set(name, renameColumns(relation, columnNames));
    }
    return local;
  }

  /** One SELECT ... FROM ... (no set operation). */
  private core(select: AstNode, env: CteEnv | undefined, outer: Scope | undefined): Relation {
    const scope = new Scope(outer);
    const from = Array.isArray(select.from) ? select.from : [];
    for (const item of from) if (isNode(item)) scope.add(this.source(item, env, scope));

    const ctx: ExpressionContext = { scope, subquery: (sub, outerScope) => this.statement(sub, env, outerScope) };
    const columns: ColumnLineage[] = [];
    const openStars: Array<{ source: Source; excluded: Set<string> }> = [];
    const items = Array.isArray(select.columns) ? select.columns : [{ expr: { type: 'column_ref', column: '*' } }];
    items.forEach((item, position) => {
      if (!isNode(item)) return;
      const expr = item.expr;
      const star = isNode(expr) ? starQualifier(expr) : undefined;
      if (star !== undefined) {
        const excluded = excludedColumns(item);
        const sources = scope.starSources(star);
        if (sources.length === 0) this.notes.unmatchedStars.push(`${star.join('.')}.*`);
        for (const source of sources) {
          columns.push(...source.relation.columns.filter((c) => !excluded.has(c.name)));
          if (source.relation.open) openStars.push({ source, excluded });
        }
        return;
      }
      const lineage = expressionLineage(expr, ctx);
      const name = aliasOf(item).name ?? defaultName(expr, position);
      const column: ColumnLineage = { name, origins: lineage.origins, unresolved: lineage.unresolved };
      columns.push(column);
      if (!scope.laterals.has(name)) scope.laterals.set(name, column);
    });

    const fallback =
      openStars.length === 0
        ? undefined
        : (name: string): ColumnLineage | undefined => {
            const found = openStars
              .filter((star) => !star.excluded.has(name))
              .map((star) => star.source.relation.lookup(name))
              .filter((c): c is ColumnLineage => c !== undefined);
            return found.length === 1 ? found[0] : undefined;
          };
    return listedRelation(columns, fallback, openStars.some((star) => star.source.relation.incomplete));
  }

  private source(item: AstNode, env: CteEnv | undefined, scope: Scope): Source {
    const alias = aliasOf(item);
    const subquery = asSelect(item.expr);
    if (subquery) {
      const relation = renameColumns(this.statement(subquery, env, scope), alias.columns ?? []);
      return { alias: alias.name, nameParts: [], relation, isFunction: false };
    }
    const parts = tableNameParts(item);
    if (!parts) {
      const relation = this.tableFunction(item, env, scope, alias.columns);
      return { alias: alias.name, nameParts: [], relation, isFunction: true };
    }
    const relation = renameColumns(this.table(parts, env), alias.columns ?? []);
    return { alias: alias.name ?? parts[parts.length - 1], nameParts: parts, relation, isFunction: false };
  }

  private table(parts: string[], env: CteEnv | undefined): Relation {
    const upstream = this.index.find(parts);
    const cte = parts.length === 1 ? env?.get(parts[0] as string) : undefined;
    // dbt inlines an ephemeral model as the CTE `__dbt__cte__<name>`: when the caller lists that ephemeral model as
    // an upstream, lineage stops at it instead of going through its inlined SQL.
    const ephemeralUpstream = upstream !== undefined && parts[0]?.startsWith(EPHEMERAL_CTE_PREFIX) === true;
    if (cte && !ephemeralUpstream) return cte;
    if (!upstream) {
      this.notes.externalRelations.add(parts.join('.'));
      return externalRelation();
    }
    let relation = this.upstreamRelations.get(upstream.urn);
    if (!relation) {
      relation = upstreamRelation(upstream);
      this.upstreamRelations.set(upstream.urn, relation);
    }
    return relation;
  }

  /** unnest / flatten / generate_series / VALUES: columns derive from the arguments' columns. */
  private tableFunction(item: AstNode, env: CteEnv | undefined, scope: Scope, aliasColumns?: string[]): Relation {
    const ctx: ExpressionContext = { scope, subquery: (sub, outerScope) => this.statement(sub, env, outerScope) };
    const args = expressionLineage(item.expr ?? item, ctx);
    const lineage: ColumnLineage = { name: '', origins: mergeOrigins([args.origins]), unresolved: args.unresolved };
    const known = tableFunctionName(item.expr) === 'flatten' ? FLATTEN_COLUMNS : [];
    return functionRelation(lineage, aliasColumns ?? known);
  }
}

/** Columns of Snowflake FLATTEN, listed so that an unqualified `value` is known to come from it. */
const FLATTEN_COLUMNS = ['seq', 'key', 'path', 'index', 'value', 'this'];

/** `flatten(...)`, `lateral flatten(...)`, `table(flatten(...))` → 'flatten'. */
function tableFunctionName(expr: unknown): string | undefined {
  if (!isNode(expr)) return undefined;
  if (expr.type === 'flatten') return 'flatten';
  const name = expr.type === 'function' ? functionName(expr) : undefined;
  if (name !== 'table') return name;
  const inner = isNode(expr.args) && Array.isArray(expr.args.value) ? expr.args.value[0] : undefined;
  return tableFunctionName(inner);
}

/** Output name of an unaliased select item: a column keeps its name, a function call is named after it. */
function defaultName(expr: unknown, position: number): string {
  let inner = expr;
  while (isNode(inner) && inner.type === 'cast' && isNode(inner.expr)) inner = inner.expr;
  if (isNode(inner) && inner.type === 'column_ref') {
    const path = columnPath(inner);
    if (path) return path.fields[path.fields.length - 1] ?? path.column;
  }
  if (isNode(inner) && (inner.type === 'function' || inner.type === 'aggr_func')) {
    const name = functionName(inner);
    if (name) return name;
  }
  return `_col${position + 1}`;
}

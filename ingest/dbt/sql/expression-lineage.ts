import { mergeOrigins, type Origin, type Relation } from './relation.js';
import type { Scope } from './scope.js';
import { asSelect, children, columnPath, functionName, isNode, starQualifier, type AstNode } from './sql-ast.js';
import { AGGREGATE_FUNCTIONS, DATE_PART_FUNCTIONS, DATE_PARTS } from './sql-functions.js';
import type { TransformationKind } from './types.js';

export interface ExpressionContext {
  scope: Scope;
  /** Resolves a subquery found inside an expression, with `outer` as the enclosing query for correlated refs. */
  subquery(select: AstNode, outer: Scope): Relation;
}

export interface ExpressionLineage {
  /** Upstream columns, each tagged with the strongest transformation along its path. */
  origins: Origin[];
  unresolved: string[];
  kind: TransformationKind;
}

interface Accumulator {
  origins: Origin[][];
  unresolved: string[];
  aggregate: boolean;
}

/**
 * Lineage of one select-list expression. A bare column reference (renamed or CAST only) is `identity`; an expression
 * involving an aggregate or window function is `aggregation`; anything else is `expression`.
 */
export function expressionLineage(expr: unknown, ctx: ExpressionContext): ExpressionLineage {
  const bare = bareColumnRef(expr);
  if (bare) {
    const path = columnPath(bare);
    const resolved = path ? ctx.scope.resolve(path) : undefined;
    if (!resolved) return { origins: [], unresolved: path ? [describe(bare)] : [], kind: 'identity' };
    const kind: TransformationKind = resolved.extracted ? 'expression' : 'identity';
    return {
      origins: mergeOrigins([resolved.lineage.origins], kind),
      unresolved: resolved.lineage.unresolved,
      kind,
    };
  }
  const acc: Accumulator = { origins: [], unresolved: [], aggregate: false };
  walk(expr, ctx, acc);
  const kind: TransformationKind = acc.aggregate ? 'aggregation' : 'expression';
  return { origins: mergeOrigins(acc.origins, kind), unresolved: acc.unresolved, kind };
}

/** The column_ref behind an expression that is only a column, possibly CAST (`cast(x as int)`, `x::int`). */
function bareColumnRef(expr: unknown): AstNode | undefined {
  if (!isNode(expr)) return undefined;
  // `options` carries suffixes such as Postgres `AT TIME ZONE 'UTC'`: then it is an expression.
  if (expr.type === 'column_ref') {
    return starQualifier(expr) === undefined && !isNode(expr.options) && columnPath(expr) !== undefined ? expr : undefined;
  }
  if (expr.type === 'cast' && !Array.isArray(expr.expr)) return bareColumnRef(expr.expr);
  return undefined;
}

function walk(node: unknown, ctx: ExpressionContext, acc: Accumulator): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, ctx, acc);
    return;
  }
  if (!isNode(node)) return;
  const select = asSelect(node);
  if (select) {
    const relation = ctx.subquery(select, ctx.scope);
    for (const column of relation.columns) {
      acc.origins.push(column.origins);
      acc.unresolved.push(...column.unresolved);
    }
    return;
  }
  if (node.type === 'column_ref') {
    addColumnRef(node, ctx, acc);
    walk(node.options, ctx, acc);
    return;
  }
  if (isAggregate(node)) acc.aggregate = true;
  if (node.type === 'function' && DATE_PART_FUNCTIONS.has(functionName(node) ?? '')) {
    walkDatePartFunction(node, ctx, acc);
    return;
  }
  for (const child of children(node)) walk(child, ctx, acc);
}

function addColumnRef(ref: AstNode, ctx: ExpressionContext, acc: Accumulator): void {
  if (starQualifier(ref) !== undefined) return; // count(*), count(t.*): no particular column
  const path = columnPath(ref);
  if (!path) {
    // BigQuery's grammar reads `split(x, '.')[OFFSET(0)]` as a column_ref around the call: the call is the value.
    const inner = isNode(ref.column) ? ref.column.expr : undefined;
    if (isNode(inner) && inner.type !== 'default' && inner.type !== 'backticks_quote_string') walk(inner, ctx, acc);
    return;
  }
  const resolved = ctx.scope.resolve(path);
  if (!resolved) {
    acc.unresolved.push(describe(ref));
    return;
  }
  acc.origins.push(resolved.lineage.origins);
  acc.unresolved.push(...resolved.lineage.unresolved);
}

function walkDatePartFunction(node: AstNode, ctx: ExpressionContext, acc: Accumulator): void {
  const args = isNode(node.args) && Array.isArray(node.args.value) ? node.args.value : undefined;
  if (!args) {
    for (const child of children(node)) walk(child, ctx, acc);
    return;
  }
  for (const arg of args) {
    if (isNode(arg) && arg.type === 'column_ref' && isDatePartKeyword(arg)) continue;
    walk(arg, ctx, acc);
  }
}

function isDatePartKeyword(ref: AstNode): boolean {
  const path = columnPath(ref);
  return path !== undefined && path.qualifier.length === 0 && path.fields.length === 0 && DATE_PARTS.has(path.column);
}

function isAggregate(node: AstNode): boolean {
  if (node.type === 'aggr_func' || node.type === 'window_func') return true;
  if (isNode(node.over)) return true;
  return node.type === 'function' && AGGREGATE_FUNCTIONS.has(functionName(node) ?? '');
}

function describe(ref: AstNode): string {
  const path = columnPath(ref);
  if (!path) return '?';
  return [...path.qualifier, path.column, ...path.fields].join('.');
}

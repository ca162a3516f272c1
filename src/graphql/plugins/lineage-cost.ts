import {
  getOperationAST,
  GraphQLError,
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLType,
  type SelectionSetNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LIMITS } from '../../services/lineage/limits.js';

type Args = Record<string, unknown>;

/**
 * Graph-walking fields cost what they make Neo4j do: grows with depth and node limit, and multiplies with the
 * number of parents they are asked for (`capsules(first: 500) { upstream(depth: 5) }` costs 500 upstreams). The
 * generic depth/cost limits of graphql-armor see only the shape of a query, not these arguments.
 */
const num = (v: unknown, fallback: number, max: number) => (typeof v === 'number' && v > 0 ? Math.min(v, max) : fallback);
const depthOf = (a: Args, max: number) => num(a.depth, max, max);
const firstOf = (a: Args, fallback: number) => num(a.first, fallback, LIMITS.maxPageSize);

const FIELD_COSTS: Record<string, (a: Args) => { cost: number; multiplier: number }> = {
  'Query.lineage': (a) => {
    const limit = num(a.limit, LIMITS.defaultLineageLimit, LIMITS.maxLineageLimit);
    const ways = a.direction === 'UPSTREAM' || a.direction === 'DOWNSTREAM' ? 1 : 2;
    return { cost: Math.ceil((depthOf(a, LIMITS.maxDepth) * limit * ways) / 10), multiplier: limit };
  },
  'Query.impact': () => ({ cost: LIMITS.impactNodeCap / 10, multiplier: 1 }),
  'Query.lineagePath': (a) => {
    const k = num(a.k, 1, LIMITS.maxPaths);
    return { cost: k * num(a.maxHops, LIMITS.defaultPathHops, LIMITS.maxPathHops) * 10, multiplier: k };
  },
  upstream: (a) => nested(a),
  downstream: (a) => nested(a),
};

function nested(a: Args) {
  const first = firstOf(a, LIMITS.defaultNestedFirst);
  return { cost: depthOf(a, LIMITS.maxNestedDepth) * first, multiplier: first };
}

/** Lists without a `first` argument (columns, tags...) are assumed this long. */
const DEFAULT_LIST_SIZE = 10;

export function lineageQueryCost(schema: GraphQLSchema, document: DocumentNode, variables: Args, operationName?: string | null): number {
  const op = getOperationAST(document, operationName ?? undefined);
  if (!op) return 0;
  const root = op.operation === 'query' ? schema.getQueryType() : op.operation === 'mutation' ? schema.getMutationType() : undefined;
  if (!root) return 0;
  const fragments = new Map(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
  );
  const defaults: Args = {};
  for (const v of op.variableDefinitions ?? []) {
    if (v.defaultValue) defaults[v.variable.name.value] = valueFromASTUntyped(v.defaultValue);
  }
  const vars = { ...defaults, ...variables };

  const costOf = (set: SelectionSetNode, type: GraphQLNamedType): number => {
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) total += fieldCost(sel, type);
      else if (sel.kind === Kind.INLINE_FRAGMENT) {
        total += costOf(sel.selectionSet, (sel.typeCondition && schema.getType(sel.typeCondition.name.value)) || type);
      } else {
        const frag = fragments.get(sel.name.value);
        if (frag) total += costOf(frag.selectionSet, schema.getType(frag.typeCondition.name.value) ?? type);
      }
    }
    return total;
  };

  const fieldCost = (node: FieldNode, parent: GraphQLNamedType): number => {
    if (!('getFields' in parent) || 'parseValue' in parent) return 0;
    const def = (parent.getFields() as Record<string, GraphQLField<unknown, unknown> | undefined>)[node.name.value];
    if (!def) return 0;
    const args = argumentValues(def, node, vars);
    const priced = FIELD_COSTS[`${parent.name}.${def.name}`] ?? (parent.name === 'Query' ? undefined : FIELD_COSTS[def.name]);
    const { cost, multiplier } = priced?.(args) ?? { cost: 0, multiplier: multiplierOf(parent.name, def, args) };
    if (!node.selectionSet) return cost;
    return cost + multiplier * costOf(node.selectionSet, namedType(def.type));
  };

  return costOf(op.selectionSet, root);
}

function argumentValues(def: GraphQLField<unknown, unknown>, node: FieldNode, vars: Args): Args {
  const out: Args = {};
  for (const a of def.args) if (a.defaultValue !== undefined) out[a.name] = a.defaultValue;
  for (const a of node.arguments ?? []) {
    const v = valueFromASTUntyped(a.value, vars);
    if (v !== undefined && v !== null) out[a.name.value] = v;
  }
  return out;
}

/** Types whose lists were sized by the field that returned them (its `first`, `limit` or `k`). */
const SIZED_BY_PARENT = new Set(['LineageGraph', 'LineagePath']);

/** How many times a field's sub-selection is evaluated. */
function multiplierOf(parent: string, def: GraphQLField<unknown, unknown>, args: Args): number {
  if (typeof args.first === 'number') return firstOf(args, DEFAULT_LIST_SIZE);
  if (SIZED_BY_PARENT.has(parent) || parent.endsWith('Connection')) return 1;
  return String(def.type).startsWith('[') ? DEFAULT_LIST_SIZE : 1;
}

/**
 * Type wrappers are unwrapped by shape, not with graphql's isXxxType: those use instanceof, which throws when the
 * schema was built by another copy of graphql (ESM and CJS copies meet under test runners and tools).
 */
function namedType(type: GraphQLType): GraphQLNamedType {
  let t: unknown = type;
  while (t && typeof t === 'object' && 'ofType' in t && (t as { ofType: unknown }).ofType) t = (t as { ofType: unknown }).ofType;
  return t as GraphQLNamedType;
}

/** Refuses, before execution, operations whose lineage cost exceeds `maxCost` (QUERY_TOO_COMPLEX). */
export function lineageCostLimit(maxCost: number): Plugin {
  const memo = new CostMemo();
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const cost = memo.cost(args.schema, args.document, (args.variableValues ?? {}) as Args, args.operationName);
      if (cost <= maxCost) return;
      setResultAndStopExecution({
        errors: [
          new GraphQLError(
            `Query cost ${cost} exceeds the limit of ${maxCost}: lineage, impact, path and upstream/downstream fields cost more ` +
              'with depth, node limit and the number of parents they are asked for.',
            { extensions: { code: 'QUERY_TOO_COMPLEX', cost, maxCost } },
          ),
        ],
      });
    },
  };
}

/**
 * The cost of a repeated question is looked up instead of walking its document again (a few percent of a cached
 * answer's CPU, issue #17). The cost is a pure function of schema, document, operation name and variable values;
 * Yoga hands the same parsed document for the same query text, and the variables are keyed by their JSON, which
 * determines them exactly for what a JSON body or query string can carry. Any other value (a non-finite number,
 * bigint, function, symbol, undefined in a list, an object with toJSON: none comes from a request) is priced
 * without the memo.
 */
export class CostMemo {
  private readonly bySchema = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, number>>>();

  constructor(private readonly perDocument = 256) {}

  cost(schema: GraphQLSchema, document: DocumentNode, variables: Args, operationName?: string | null): number {
    const key = memoKey(variables, operationName);
    if (key === undefined) return lineageQueryCost(schema, document, variables, operationName);
    let byDocument = this.bySchema.get(schema);
    if (!byDocument) this.bySchema.set(schema, (byDocument = new WeakMap()));
    let costs = byDocument.get(document);
    if (!costs) byDocument.set(document, (costs = new Map()));
    let cost = costs.get(key);
    if (cost === undefined) {
      cost = lineageQueryCost(schema, document, variables, operationName);
      // Bounded: a document asked with ever new variables starts over rather than growing.
      if (costs.size >= this.perDocument) costs.clear();
      costs.set(key, cost);
    }
    return cost;
  }
}

class NotKeyable extends Error {}

function exactJson(this: unknown, k: string, v: unknown): unknown {
  const raw = (this as Record<string, unknown>)[k];
  const t = typeof raw;
  if (
    (t === 'number' && !Number.isFinite(raw)) ||
    t === 'bigint' ||
    t === 'function' ||
    t === 'symbol' ||
    (raw === undefined && Array.isArray(this)) ||
    (raw !== null && t === 'object' && typeof (raw as { toJSON?: unknown }).toJSON === 'function')
  ) {
    throw new NotKeyable();
  }
  return v;
}

function memoKey(variables: Args, operationName?: string | null): string | undefined {
  try {
    return JSON.stringify([operationName ?? null, variables], exactJson);
  } catch (error) {
    if (error instanceof NotKeyable) return undefined;
    throw error;
  }
}

// No instanceof-based graphql helpers here (isObjectType, getArgumentValues...): under a test runner the schema
// may come from the other module format of graphql, and those helpers then refuse it.
import { Kind, type FieldNode, type GraphQLField, type GraphQLResolveInfo, type SelectionSetNode, type ValueNode } from 'graphql';
import { LIMITS } from '../../services/lineage/limits.js';
import { EMPTY_PLAN, type PlanKeys, type TreePlan } from '../../services/metadata/capsule-trees.js';

/**
 * Plans the nested read of a capsule selection the way the Neo4j GraphQL Library does: the nested lists the
 * selection asks for (tags, tests, owners, columns with their tags and tests, upstream/downstream at depth 1) are
 * read together with the capsules in one Cypher query. Anything else (other depths, aliased fields with different
 * arguments, deeper nesting) is left to the DataLoaders, so a plan never changes an answer, only its round trips.
 * `scoped`: the caller's key is limited to namespaces, so every level also reads what namespace scoping decides on
 * (a key of every namespace sees everything: reading `namespace` for it cost one db hit per node for nothing).
 */
export function planCapsuleSelection(fields: readonly FieldNode[], info: GraphQLResolveInfo, scoped = true): TreePlan {
  const capsule = info.schema.getType('Capsule');
  if (!capsule || !('getFields' in capsule)) return EMPTY_PLAN;
  const byName = collectFields(fields, info);
  const columnFields = byName.get('columns');
  const columnsByName = columnFields ? collectFields(columnFields, info) : undefined;
  const capsuleTypes = info.schema.getPossibleTypes(capsule as never).map((t) => t.name);
  const keysOf = (selected: Map<string, FieldNode[]> | undefined, types: string[]) =>
    selected ? propertyKeys(selected, types, info, scoped, types === capsuleTypes) : null;
  const nested = (name: string, types: string[], from = byName) => {
    const f = from?.get(name);
    return f ? keysOf(collectFields(f, info), types) : null;
  };
  const keys: PlanKeys = {
    node: keysOf(byName, capsuleTypes),
    tags: nested('tags', ['Tag']),
    tests: nested('tests', ['Test']),
    owners: nested('owners', ['Owner']),
    columns: keysOf(columnsByName, ['Column']),
    columnTags: columnsByName ? nested('tags', ['Tag'], columnsByName) : null,
    columnTests: columnsByName ? nested('tests', ['Test'], columnsByName) : null,
    upstream: nested('upstream', capsuleTypes),
    downstream: nested('downstream', capsuleTypes),
  };
  return {
    keys,
    tags: byName.has('tags'),
    tests: byName.has('tests'),
    owners: byName.has('owners'),
    columns: columnsByName ? { tags: columnsByName.has('tags'), tests: columnsByName.has('tests') } : null,
    upstreamFirst: depthOneFirst(byName.get('upstream'), fieldsOf(capsule).upstream, info),
    downstreamFirst: depthOneFirst(byName.get('downstream'), fieldsOf(capsule).downstream, info),
  };
}

/**
 * The stored properties that the resolvers of these fields read, for the node types a planned read returns (Capsule
 * types, Column, Tag, Test, Owner). A field not listed here reads the property of its own name when it has no
 * resolver, and is assumed to read anything (the level then projects every property) when it has one: a resolver of
 * these types that reads other properties than listed must be added here. Nested node fields read only the urn.
 */
const FIELD_READS: Record<string, readonly string[]> = {
  __typename: [],
  id: [],
  urn: [],
  type: [],
  // Capsule.name falls back to uniqueId (added for capsule levels in propertyKeys); Column, Test, Tag, Owner: name.
  name: ['name'],
  version: ['version'],
  latestVersion: ['latestVersion'],
  tagNames: ['tags'],
  meta: ['metaJson'],
  freshness: ['freshnessJson'],
  columns: [],
  tags: [],
  tests: [],
  owners: [],
  upstream: [],
  downstream: [],
  domain: [],
  dataProducts: [],
  runResults: [],
  capsule: [],
  capsules: [],
  tested: [],
  results: [],
};

/** Projected for keys limited to namespaces: namespace scoping (src/auth/visibility.ts) decides on urn, labels and `namespace`. */
const SCOPING = ['namespace'];

/**
 * The properties a selection reads on nodes of the given types, or null when some field may read any. `capsules`:
 * the types are the capsule types (whose name resolver falls back to `uniqueId`).
 */
function propertyKeys(selected: Map<string, FieldNode[]>, types: string[], info: GraphQLResolveInfo, scoped: boolean, capsules: boolean): string[] | null {
  const keys = new Set(scoped ? SCOPING : []);
  for (const name of selected.keys()) {
    const known = FIELD_READS[name];
    if (known) {
      for (const k of known) keys.add(k);
      if (name === 'name' && capsules) keys.add('uniqueId');
      continue;
    }
    for (const t of types) {
      const type = info.schema.getType(t);
      const field = type && 'getFields' in type ? fieldsOf(type)[name] : undefined;
      if (!field) continue;
      if (field.resolve) return null;
      keys.add(name);
    }
  }
  return [...keys];
}

const fieldsOf = (t: { getFields(): unknown }) => t.getFields() as Record<string, GraphQLField<unknown, unknown> | undefined>;

/** The fields of `nodes { ... }` and `edges { node { ... } }` of a connection selection. */
export function connectionNodeFields(info: GraphQLResolveInfo): FieldNode[] {
  const top = collectFields(info.fieldNodes, info);
  const edgeNodes = top.get('edges') ? collectFields(top.get('edges')!, info).get('node') ?? [] : [];
  return [...(top.get('nodes') ?? []), ...edgeNodes];
}

/** Names of the fields selected directly under the current field (through fragments). */
export function selectedFieldNames(info: GraphQLResolveInfo): Set<string> {
  return new Set(collectFields(info.fieldNodes, info).keys());
}

/** Sub-fields of the given fields by name (through inline fragments and fragment spreads, @skip/@include ignored). */
function collectFields(fields: readonly FieldNode[], info: GraphQLResolveInfo): Map<string, FieldNode[]> {
  const out = new Map<string, FieldNode[]>();
  const visit = (set: SelectionSetNode | undefined) => {
    for (const sel of set?.selections ?? []) {
      if (sel.kind === Kind.FIELD) (out.get(sel.name.value) ?? out.set(sel.name.value, []).get(sel.name.value)!).push(sel);
      else if (sel.kind === Kind.INLINE_FRAGMENT) visit(sel.selectionSet);
      else visit(info.fragments[sel.name.value]?.selectionSet);
    }
  };
  for (const f of fields) visit(f.selectionSet);
  return out;
}

/**
 * The page size of an upstream/downstream field asked at depth 1 with the same arguments wherever it appears; 0
 * (unplanned) otherwise. Invalid arguments stay unplanned so the resolver reports them as it always did.
 */
function depthOneFirst(nodes: FieldNode[] | undefined, def: GraphQLField<unknown, unknown> | undefined, info: GraphQLResolveInfo): number {
  if (!nodes || !def) return 0;
  let first: number | undefined;
  for (const node of nodes) {
    const depth = intArgument(node, def, 'depth', info) ?? 1;
    const f = intArgument(node, def, 'first', info) ?? LIMITS.defaultNestedFirst;
    if (depth !== 1 || !Number.isInteger(f) || f < 1) return 0;
    const clamped = Math.min(f, LIMITS.maxPageSize);
    if (first !== undefined && first !== clamped) return 0;
    first = clamped;
  }
  return first ?? 0;
}

/** An Int argument as given (literal or variable), else its schema default; NaN when it is anything else. */
function intArgument(node: FieldNode, def: GraphQLField<unknown, unknown>, name: string, info: GraphQLResolveInfo): number | null {
  const given = node.arguments?.find((a) => a.name.value === name)?.value;
  const value = given ? valueOf(given, info) : def.args.find((a) => a.name === name)?.defaultValue;
  if (value === undefined || value === null) return null;
  return typeof value === 'number' ? value : Number.NaN;
}

function valueOf(v: ValueNode, info: GraphQLResolveInfo): unknown {
  if (v.kind === Kind.VARIABLE) return info.variableValues[v.name.value];
  if (v.kind === Kind.INT) return Number.parseInt(v.value, 10);
  if (v.kind === Kind.NULL) return null;
  return Number.NaN;
}

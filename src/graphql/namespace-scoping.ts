import type { GraphQLField, GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import { visibilityKey } from '../auth/principal.js';
import { canSee, ingestionNamespace, nodeScope, RUN_JOB_NAMESPACES, seesIngestion } from '../auth/visibility.js';
import type { ImpactScope } from '../services/lineage/impact.js';
import { reachThroughVisible } from '../services/lineage/visible-reach.js';
import type { IngestionProgressEvent, RunUpdatedEvent } from '../events/bus.js';
import { HelixError } from '../errors.js';
import type { GraphQLContext } from './context.js';
import { createLoaders } from '../loaders/index.js';
import { ROOT_FIELD_RULES } from './root-field-rules.js';

/** Node-like values as resolvers return them: a URN, labels and (flattened) properties. */
type NodeLike = { urn?: unknown; id?: unknown; labels?: unknown } & Record<string, unknown>;

/** Whether the principal of `ctx` may see a node-like value (values without a urn are seen by full keys only). */
export function visibleTo(ctx: Pick<GraphQLContext, 'principal'>, v: unknown): boolean {
  if (ctx.principal.namespaces === null) return true;
  const n = v as NodeLike | null;
  const urn = typeof n?.urn === 'string' ? n.urn : typeof n?.id === 'string' ? n.id : undefined;
  if (!urn) return false;
  return canSee(ctx.principal, urn, Array.isArray(n?.labels) ? (n.labels as string[]) : [], n as Record<string, unknown>);
}

/**
 * Namespace scoping at the GraphQL layer (docs/security.md): every field whose type is a node (the Node interface,
 * a type implementing it, LineageNode) answers, for a key limited to namespaces, only what that key may see:
 * a hidden single node is null (or NOT_FOUND where null is not allowed), hidden list items are left out (or null
 * where the list keeps positions, as `nodes(ids)` does). Namespaced mutations check their target before they run.
 * Keys of every namespace pay one comparison per field. Connections and lineage graphs are cut by their resolvers
 * (counts and edges must agree with what is shown).
 */
export function withNamespaceScoping(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap()) as AnyType[]) {
    if (kind(type) !== 'GraphQLObjectType' || type.name!.startsWith('__')) continue;
    for (const field of Object.values(type.getFields!())) {
      if (type.name === 'Mutation' && ROOT_FIELD_RULES.Mutation[field.name]?.scope === 'namespaced') checkTargetFirst(field);
      if (isNodeLike(named(field.type as AnyType))) filterResult(field);
    }
  }
  return schema;
}

/*
 * Types are told apart by their toStringTag, not graphql's isObjectType(): the schema may come from another copy of
 * graphql (module realm) than this file's import, and instanceof checks then fail.
 */
type AnyType = { name?: string; ofType?: AnyType; getInterfaces?: () => Array<{ name: string }>; getTypes?: () => AnyType[]; getFields?: () => Record<string, GraphQLField<unknown, GraphQLContext>> };
const kind = (t: unknown) => (t as { [Symbol.toStringTag]?: string })[Symbol.toStringTag];
const isNonNull = (t: AnyType) => kind(t) === 'GraphQLNonNull';
const isList = (t: AnyType) => kind(t) === 'GraphQLList';
const nullable = (t: AnyType) => (isNonNull(t) ? t.ofType! : t);
const named = (t: AnyType): AnyType => (t.ofType ? named(t.ofType) : t);

function isNodeLike(t: AnyType): boolean {
  if (t.name === 'Node' || t.name === 'LineageNode') return true;
  if (kind(t) === 'GraphQLObjectType' || kind(t) === 'GraphQLInterfaceType') return t.getInterfaces!().some((i) => i.name === 'Node');
  if (kind(t) === 'GraphQLUnionType') return t.getTypes!().some((m) => m.getInterfaces!().some((i) => i.name === 'Node'));
  return false;
}

const defaultResolve: GraphQLFieldResolver<unknown, unknown> = (source, args, ctx, info) => {
  const v = (source as Record<string, unknown> | null)?.[info.fieldName];
  return typeof v === 'function' ? (v as (a: unknown, c: unknown, i: unknown) => unknown).call(source, args, ctx, info) : v;
};

function filterResult(field: GraphQLField<unknown, GraphQLContext>): void {
  const resolve = field.resolve ?? defaultResolve;
  const outer = field.type as AnyType;
  const inner = nullable(outer);
  const list = isList(inner);
  const keepPositions = list && !isNonNull(inner.ofType!);
  const cut = (ctx: GraphQLContext, value: unknown): unknown => {
    if (value === null || value === undefined) return value;
    if (list && Array.isArray(value)) return keepPositions ? value.map((v) => (visibleTo(ctx, v) ? v : null)) : value.filter((v) => visibleTo(ctx, v));
    if (visibleTo(ctx, value)) return value;
    if (isNonNull(outer)) throw new HelixError('NOT_FOUND', 'no such node');
    return null;
  };
  field.resolve = (source, args, ctx, info) => {
    const value = resolve(source, args, ctx, info);
    if (ctx.principal.namespaces === null) return value;
    return value instanceof Promise ? value.then((v) => cut(ctx, v)) : cut(ctx, value);
  };
}

/**
 * What each namespaced mutation changes, read from its arguments: `targets` must exist and be visible to a limited
 * key without being shared vocabulary (a data product's own fields span namespaces: only full keys change them);
 * `container`, when there is one, must exist and be visible (a data product whose membership changes: what is
 * added or removed are the targets). Namespaced mutations absent here check their targets in their resolvers
 * (startIngestion, cancelIngestion).
 */
const MUTATION_TARGETS: Record<string, (args: Record<string, unknown>) => { targets: unknown[]; container?: unknown }> = {
  addTag: (a) => ({ targets: [a.urn] }),
  removeTag: (a) => ({ targets: [a.urn] }),
  setOwner: (a) => ({ targets: [a.urn] }),
  setDomain: (a) => ({ targets: [a.urn] }),
  updateDataProduct: (a) => ({ targets: [a.urn] }),
  addToDataProduct: (a) => ({ container: a.urn, targets: Array.isArray(a.capsules) ? a.capsules : [] }),
  removeFromDataProduct: (a) => ({ container: a.urn, targets: Array.isArray(a.capsules) ? a.capsules : [] }),
  updateViolationStatus: (a) => ({ targets: [a.id] }),
};

/** A namespaced mutation (addTag…) on a node the key may not see (or may not change) fails as if it did not exist. */
function checkTargetFirst(field: GraphQLField<unknown, GraphQLContext>): void {
  const targetsOf = MUTATION_TARGETS[field.name];
  if (!targetsOf) return;
  const resolve = field.resolve ?? defaultResolve;
  field.resolve = async (source, args: Record<string, unknown>, ctx, info) => {
    if (ctx.principal.namespaces !== null) {
      const { targets, container } = targetsOf(args);
      const absent = (urn: unknown) => new HelixError('NOT_FOUND', `no node with urn ${typeof urn === 'string' ? urn : '(none)'}`);
      if (container !== undefined) {
        const node = typeof container === 'string' ? await ctx.loaders.node.load(container) : undefined;
        if (!node || !canSee(ctx.principal, container as string, node.labels, node.props)) throw absent(container);
      }
      if (targets.length === 0) throw absent(undefined);
      for (const urn of targets) {
        const node = typeof urn === 'string' ? await ctx.loaders.node.load(urn) : undefined;
        // Shared vocabulary (data products, domains, tags) is visible to a limited key but spans namespaces: only a
        // key of every namespace may change it.
        const shared = Boolean(node) && nodeScope(urn as string, node!.labels, node!.props).kind === 'shared';
        if (!node || shared || !canSee(ctx.principal, urn as string, node.labels, node.props)) throw absent(urn);
      }
    }
    return resolve(source, args, ctx, info);
  };
}

/**
 * `capsules(filter)` for a key limited to namespaces: the filter's namespace must be one the key holds (else
 * nothing is visible: null); without one, the key's only dbt namespace is used; a key of several namespaces names one.
 */
export function scopedCapsuleFilter<F extends { namespace?: string | null }>(ctx: Pick<GraphQLContext, 'principal'>, filter: F | null | undefined): F | null {
  const held = ctx.principal.namespaces;
  const f = (filter ?? {}) as F;
  if (held === null) return f;
  if (f.namespace) return held.includes(f.namespace) ? f : null;
  const dbt = held.filter((ns) => ns !== 'bio');
  if (dbt.length === 0) return null;
  if (dbt.length === 1) return { ...f, namespace: dbt[0] };
  throw new HelixError('BAD_USER_INPUT', `this key holds several namespaces (${dbt.join(', ')}): name one in filter.namespace`);
}

/** A connection with nothing in it (a limited key asking for a namespace it does not hold). */
export function emptyConnection(after: string | null | undefined) {
  return { edges: [], nodes: [], pageInfo: { hasNextPage: false, hasPreviousPage: Boolean(after), startCursor: null, endCursor: null }, countTotal: async () => 0 };
}

interface ScopableGraph {
  root: string;
  nodes: Array<{ urn: string; labels: string[]; namespace?: string | null }>;
  edges: Array<{ from: string; to: string; via?: string | null }>;
  truncated: boolean;
  truncatedFrontier?: string[];
}

/**
 * A lineage or provenance graph cut to what the key may see: the root must be visible (else NOT_FOUND, as for a missing node);
 * nodes are kept when visible and reached from the root through visible nodes only; edges only between kept
 * nodes. When anything was cut, `truncated` is true; the hidden nodes appear nowhere (not by urn, not in counts).
 */
export function scopeLineageGraph<G extends ScopableGraph>(ctx: Pick<GraphQLContext, 'principal'>, graph: G): G {
  if (ctx.principal.namespaces === null) return graph;
  const visible = new Set(graph.nodes.filter((n) => canSee(ctx.principal, n.urn, n.labels, { namespace: n.namespace })).map((n) => n.urn));
  if (!visible.has(graph.root)) throw new HelixError('NOT_FOUND', `no node with urn ${graph.root}`, { urn: graph.root });
  const kept = reachThroughVisible(graph.root, graph.edges, visible);
  const nodes = graph.nodes.filter((n) => kept.has(n.urn));
  const edges = graph.edges.filter((e) => kept.has(e.from) && kept.has(e.to) && (!e.via || kept.has(e.via)));
  return {
    ...graph,
    nodes,
    edges,
    truncated: graph.truncated || nodes.length < graph.nodes.length,
    ...(graph.truncatedFrontier ? { truncatedFrontier: graph.truncatedFrontier.filter((u) => kept.has(u)) } : {}),
  };
}

/**
 * `lineagePath` for a key limited to namespaces: both ends must be visible before anything is searched (else
 * NOT_FOUND, as for a missing node), and only paths made entirely of visible nodes are returned.
 */
export async function assertVisibleEnds(ctx: Pick<GraphQLContext, 'principal' | 'loaders'>, ends: { from: string; to: string }): Promise<void> {
  if (ctx.principal.namespaces === null) return;
  for (const urn of [ends.from, ends.to]) {
    const n = await ctx.loaders.node.load(urn);
    if (n && !canSee(ctx.principal, urn, n.labels, n.props)) throw new HelixError('NOT_FOUND', `no node with urn ${urn}`, { urn });
  }
}

export function visiblePaths<P extends { nodes: Array<{ urn: string; labels: string[]; namespace?: string | null }> }>(ctx: Pick<GraphQLContext, 'principal'>, paths: P[]): P[] {
  if (ctx.principal.namespaces === null) return paths;
  return paths.filter((p) => p.nodes.every((n) => canSee(ctx.principal, n.urn, n.labels, { namespace: n.namespace })));
}

/** `impact` for a key limited to namespaces: cut like `lineage` (stops at the boundary), cached per visibility. */
export function impactScope(ctx: Pick<GraphQLContext, 'principal'>): ImpactScope | undefined {
  if (ctx.principal.namespaces === null) return undefined;
  return { key: visibilityKey(ctx.principal), sees: (n) => canSee(ctx.principal, n.urn, n.labels, { namespace: n.namespace }) };
}

/**
 * OpenLineage runs belong to the namespaces of their jobs (docs/security.md): for a key limited to namespaces, the
 * runs about to be returned carry them (RUN_JOB_NAMESPACES, looked up in one batch), so that the node scoping of
 * every Run field can tell. Keys of every namespace skip the lookup.
 */
export async function withRunNamespaces<T extends { urn: string }>(ctx: Pick<GraphQLContext, 'principal' | 'loaders'>, parents: T[]): Promise<T[]> {
  if (ctx.principal.namespaces === null) return parents;
  return Promise.all(
    parents.map(async (p) => {
      if (!p.urn.startsWith('urn:ol:run:')) return p;
      const plans = await ctx.loaders.prov.plansOfRun.load(p.urn);
      const namespaces = plans.filter((j) => j.labels.includes('Job')).map((j) => j.props.namespace);
      return { ...p, [RUN_JOB_NAMESPACES]: namespaces };
    }),
  );
}

/**
 * `conformanceScore(scope)` for a key limited to namespaces: the score is computed over one of its dbt namespaces
 * only (`scope.namespace` when given, else the key's only dbt namespace); a namespace outside the key is FORBIDDEN
 * with the reason (a score is an aggregate, not a node that could be "absent").
 */
export function scopedScoreScope<S extends { namespace?: string | null }>(ctx: Pick<GraphQLContext, 'principal'>, scope: S): S {
  const held = ctx.principal.namespaces;
  if (held === null) return scope;
  if (scope.namespace && !held.includes(scope.namespace)) {
    throw new HelixError('FORBIDDEN', `this key may score only its namespaces (${held.join(', ')}), not ${scope.namespace}`);
  }
  const f = scopedCapsuleFilter(ctx, scope);
  if (f === null) throw new HelixError('FORBIDDEN', `conformance scores are of dbt namespaces; this key holds none (${held.join(', ')})`);
  return f;
}

/**
 * `startIngestion` by an editor limited to namespaces, checked before anything is read or written: a dbt ingestion
 * must name one of the key's namespaces (`input.namespace`: the project name is only known once the manifest is
 * read), a bio or workflow kind needs the `bio` scope, and OpenLineage files (whose events may name any namespace)
 * need a key of every namespace (POST /api/v1/lineage checks each event instead). A resumed ingestion must be one
 * the key sees (else NOT_FOUND, as for an unknown id).
 */
export async function assertMayIngest(
  ctx: Pick<GraphQLContext, 'principal' | 'loaders'>,
  input: { kind: string; namespace?: string | null; resume?: string | null },
  resumedUrn: string | null,
): Promise<void> {
  const held = ctx.principal.namespaces;
  if (held === null) return;
  const target = ingestionNamespace(input.kind, input.namespace ?? null);
  if (!seesIngestion(ctx.principal, target)) {
    const why =
      input.kind === 'openlineage'
        ? 'OpenLineage files may name any namespace: ingest them with a key of every namespace, or POST the events to /api/v1/lineage'
        : input.kind === 'dbt'
          ? input.namespace
            ? `namespace ${input.namespace} is not one of this key's`
            : 'name one of the key\'s namespaces in input.namespace'
          : `${input.kind} ingestions write into the "bio" scope`;
    throw new HelixError('FORBIDDEN', `this key may ingest only into ${held.join(', ')}: ${why}`);
  }
  if (resumedUrn) {
    const earlier = await ctx.loaders.node.load(resumedUrn);
    if (earlier && !canSee(ctx.principal, resumedUrn, earlier.labels, earlier.props)) throw new HelixError('NOT_FOUND', `no ingestion ${input.resume}`);
  }
}

/** Whether a limited key sees an incomplete scope (`dbt:<ns>`, `hgnc:*`, `openlineage`…). */
export function seesIngestionScope(ctx: Pick<GraphQLContext, 'principal'>, namespace: string | null): boolean {
  return seesIngestion(ctx.principal, namespace);
}

/** A `runUpdated` event for a limited key: an OpenLineage run of one of its jobs' namespaces; others as their node. */
export function runEventVisible(ctx: Pick<GraphQLContext, 'principal'>, e: RunUpdatedEvent): boolean {
  if (ctx.principal.namespaces === null) return true;
  if (e.urn.startsWith('urn:ol:run:')) return e.jobUrns.some((job) => canSee(ctx.principal, job, ['Job']));
  return canSee(ctx.principal, e.urn, ['Run']);
}

/**
 * An `ingestionProgress` event for a limited key: an ingestion writing into one of its namespaces (a dbt
 * ingestion's namespace is read from its record, fresh: it is known once the manifest was read).
 */
export async function ingestionEventVisible(ctx: Pick<GraphQLContext, 'principal' | 'helix' | 'queryCtx'>, e: IngestionProgressEvent): Promise<boolean> {
  if (ctx.principal.namespaces === null) return true;
  if (e.kind !== 'dbt') return seesIngestion(ctx.principal, ingestionNamespace(e.kind, null));
  const record = await createLoaders(ctx.helix.exec, ctx.queryCtx).node.load(e.urn);
  return record ? canSee(ctx.principal, e.urn, record.labels, record.props) : false;
}

import { filter, pipe } from 'graphql-yoga';
import { BOOKKEEPING_PROPS } from '../../../ingest/core/graph.js';
import type { IngestionProgressEvent, RunUpdatedEvent } from '../../events/bus.js';
import { createLoaders } from '../../loaders/index.js';
import { findJob, listJobs, type JobArgs, type JobFilter } from '../../services/provenance/job-lookup.js';
import { getProvenance } from '../../services/provenance/provenance-service.js';
import type { ProvenanceArgs, ProvenanceNodeView } from '../../services/provenance/provenance-types.js';
import { findRun } from '../../services/provenance/run-lookup.js';
import { listRuns, type RunListArgs } from '../../services/provenance/run-list.js';
import { storedStatuses, runStatusOf, type RunStatus } from '../../services/provenance/run-status.js';
import { ingestionMatcher, runUpdateMatcher, type RunUpdateFilter } from '../../services/provenance/run-update-filter.js';
import { boundedInt } from '../../services/lineage/limits.js';
import type { GraphQLContext } from '../context.js';
import { canSee } from '../../auth/visibility.js';
import { checked } from './subscription-start.js';
import { ingestionEventVisible, runEventVisible, scopeLineageGraph, withRunNamespaces } from '../namespace-scoping.js';
import { scopedEvents, unlessRevoked } from './subscription-scope.js';
import { nodeType } from '../node-type.js';
import { subscriptionPubSub } from '../pubsub.js';
import type { NodeParent } from './base.js';
import { connection } from '../pagination.js';
import { int, json, nodeFields, num, ownedFields, parents, strings, svc, text, toParent, type RelatedParent } from './fields.js';

/** PROV entities carry only the generic Entity label; name them so rather than Node. */
const provType = (labels: string[]) => {
  const t = nodeType(labels);
  return t === 'Node' && labels.includes('Entity') ? 'Entity' : t;
};

// Not shown as a node's properties: the writer's bookkeeping, its labels, and the legacy write timestamp.
const BOOKKEEPING = new Set([...BOOKKEEPING_PROPS, 'labels', 'updatedAt']);
const hasLabel = (label: string) => (p: RelatedParent) => p.labels.includes(label);
const withRole = (role: string) => (nodes: RelatedParent[]) => nodes.filter((n) => n.__role === role);
const first = <T>(list: T[]): T | null => list[0] ?? null;

const linked = (role: string) => (p: NodeParent, _: unknown, ctx: GraphQLContext) =>
  ctx.loaders.prov.linkedRuns.load(p.urn).then(parents).then(withRole(role)).then((runs) => withRunNamespaces(ctx, runs));
const details = (role: string) => (p: NodeParent, _: unknown, ctx: GraphQLContext) =>
  ctx.loaders.prov.detailsOfRun.load(p.urn).then(parents).then(withRole(role));
const runsAround = (role: string) => (p: NodeParent, args: { first?: number | null }, ctx: GraphQLContext) =>
  ctx.loaders.prov.runsOfEntity
    .load({ urn: p.urn, args: { first: boundedInt('first', args.first, 100, 500) } })
    .then(parents)
    .then(withRole(role))
    .then((runs) => withRunNamespaces(ctx, runs));

/** A dbt invocation records its start and elapsed seconds. */
function elapsedMs(p: NodeParent): number | null {
  const s = num(p.elapsedTime);
  return s === null ? null : Math.round(s * 1000);
}

function endedAt(p: NodeParent): string | null {
  const explicit = text(p.endedAt);
  const ms = elapsedMs(p);
  if (explicit || ms === null || typeof p.startedAt !== 'string' || Number.isNaN(Date.parse(p.startedAt))) return explicit;
  return new Date(Date.parse(p.startedAt) + ms).toISOString();
}

/** A used or generated entity with what its edge records. */
function artifact(p: RelatedParent) {
  const rel = p.__rel ?? {};
  return {
    node: p,
    urn: p.urn,
    type: provType(p.labels),
    name: text(p.name) ?? text(p.path) ?? text(p.physicalName),
    role: text(rel.role),
    time: text(rel.time),
    rowCount: num(rel.rowCount),
    sizeBytes: num(rel.sizeBytes),
    facets: json(rel.inputFacetsJson) ?? json(rel.outputFacetsJson),
    static: rel.static === true,
    derived: rel.derived === true,
  };
}

const runFields = {
  ...nodeFields,
  runId: (p: NodeParent) => text(p.runId) ?? text(p.invocationId),
  name: (p: NodeParent) => text(p.name) ?? text(p.process),
  kind: (p: NodeParent) => text(p.kind) ?? (p.labels.includes('Invocation') ? 'dbt' : null),
  status: (p: NodeParent) => runStatusOf(p.status),
  rawStatus: (p: NodeParent) => text(p.rawStatus) ?? text(p.status),
  endedAt,
  durationMs: (p: NodeParent) => num(p.durationMs) ?? elapsedMs(p),
  facets: (p: NodeParent) => json(p.facetsJson),
  parameters: (p: NodeParent) => json(p.parametersJson),
  isStep: (p: NodeParent) => p.labels.includes('StepRun'),
  properties: (p: NodeParent) => Object.fromEntries(Object.entries(p).filter(([k]) => !BOOKKEEPING.has(k) && !k.startsWith('__'))),
  job: (p: NodeParent, _: unknown, ctx: GraphQLContext) => ctx.loaders.prov.plansOfRun.load(p.urn).then(parents).then((l) => l.find(hasLabel('Job')) ?? null),
  step: (p: NodeParent, _: unknown, ctx: GraphQLContext) => ctx.loaders.prov.plansOfRun.load(p.urn).then(parents).then((l) => l.find(hasLabel('Step')) ?? null),
  inputs: (p: NodeParent, _: unknown, ctx: GraphQLContext) => ctx.loaders.prov.inputsOfRun.load(p.urn).then((l) => parents(l).map(artifact)),
  outputs: (p: NodeParent, _: unknown, ctx: GraphQLContext) => ctx.loaders.prov.outputsOfRun.load(p.urn).then((l) => parents(l).map(artifact)),
  steps: (p: NodeParent, args: { first?: number | null }, ctx: GraphQLContext) =>
    ctx.loaders.prov.stepsOfRun.load({ urn: p.urn, args: { first: boundedInt('first', args.first, 1000, 10_000) } }).then(parents),
  parent: (p: NodeParent, a: unknown, ctx: GraphQLContext) => linked('PARENT')(p, a, ctx).then(first),
  children: linked('CHILD'),
  informedBy: linked('INFORMED_BY'),
  informed: linked('INFORMED'),
  run: (p: NodeParent, a: unknown, ctx: GraphQLContext) => linked('RUN')(p, a, ctx).then(first),
  agents: (p: NodeParent, a: unknown, ctx: GraphQLContext) =>
    details('AGENT')(p, a, ctx).then((l) => l.map((agent) => ({ agent, role: text(agent.__rel?.role) }))),
  statusUpdates: details('STATUS_UPDATE'),
  events: details('EVENT'),
  provenanceRecords: details('PROVENANCE_RECORD'),
  taskId: (p: NodeParent) => text(p.taskId),
  exitCode: (p: NodeParent) => int(p.exitCode),
  position: (p: NodeParent) => int(p.position),
  invocationId: (p: NodeParent) => text(p.invocationId),
};

function latestRuns(p: NodeParent, args: { first?: number | null; status?: RunStatus[] | null }, ctx: GraphQLContext) {
  const firstN = args.first === 0 ? 0 : boundedInt('first', args.first, 10, 100);
  if (firstN === 0) return Promise.resolve([]);
  return ctx.loaders.prov.runsOfJob.load({ urn: p.urn, args: { first: firstN, statuses: storedStatuses(args.status) } }).then(parents).then((runs) => withRunNamespaces(ctx, runs));
}

const jobRelated = (role: string) => (p: NodeParent, _: unknown, ctx: GraphQLContext) =>
  ctx.loaders.prov.relatedOfJob.load(p.urn).then(parents).then(withRole(role));

/** Subscription payloads are resolved with fresh loaders: a subscription lives long, its graph changes. */
function refreshLoaders(ctx: GraphQLContext) {
  ctx.loaders = createLoaders(ctx.helix.exec, ctx.queryCtx);
  return ctx.loaders;
}

export const provenanceResolvers = {
  Query: {
    run: async (_: unknown, args: { id: string }, ctx: GraphQLContext) => {
      const found = await findRun(svc(ctx), args.id);
      return found ? (await withRunNamespaces(ctx, [toParent(found)]))[0] : null;
    },
    runs: async (_: unknown, args: RunListArgs, ctx: GraphQLContext) => {
      const c = connection(await listRuns(svc(ctx), args, ctx.principal.namespaces), args.after);
      const nodes = await withRunNamespaces(ctx, c.nodes);
      return { ...c, nodes, edges: c.edges.map((e, i) => ({ ...e, node: nodes[i]! })) };
    },
    job: async (_: unknown, args: JobArgs, ctx: GraphQLContext) => {
      const found = await findJob(svc(ctx), args, (n) => canSee(ctx.principal, n.urn, n.labels, n.props));
      return found ? toParent(found) : null;
    },
    jobs: async (_: unknown, args: { filter?: JobFilter | null; first?: number | null; after?: string | null }, ctx: GraphQLContext) =>
      connection(await listJobs(svc(ctx), args, ctx.principal.namespaces), args.after),
    provenance: async (_: unknown, args: ProvenanceArgs, ctx: GraphQLContext) => scopeLineageGraph(ctx, await getProvenance(svc(ctx), args)),
  },
  Subscription: {
    runUpdated: {
      subscribe: (_: unknown, args: { filter?: RunUpdateFilter | null }, ctx: GraphQLContext) => {
        const matches = checked(() => runUpdateMatcher(args.filter));
        return scopedEvents(ctx, pipe(subscriptionPubSub().subscribe('runUpdated'), filter(matches)), (e) => runEventVisible(ctx, e));
      },
      resolve: unlessRevoked(async (e: RunUpdatedEvent, _: unknown, ctx: GraphQLContext) => {
        const n = await refreshLoaders(ctx).node.load(e.urn);
        const run = n ? toParent(n) : { urn: e.urn, labels: ['Run'], runId: e.runId, status: e.status };
        return (await withRunNamespaces(ctx, [run]))[0];
      }),
    },
    ingestionProgress: {
      subscribe: (_: unknown, args: { id?: string | null }, ctx: GraphQLContext) => {
        const matches = checked(() => ingestionMatcher(args.id));
        return scopedEvents(ctx, pipe(subscriptionPubSub().subscribe('ingestionProgress'), filter(matches)), (e) => ingestionEventVisible(ctx, e));
      },
      resolve: unlessRevoked((e: IngestionProgressEvent, _: unknown, ctx: GraphQLContext) => {
        refreshLoaders(ctx);
        return e;
      }),
    },
  },
  IngestionProgress: {
    ingestion: (e: IngestionProgressEvent, _: unknown, ctx: GraphQLContext) => ctx.loaders.node.load(e.urn).then((n) => (n ? toParent(n) : null)),
  },
  RunConnection: { totalCount: (c: { countTotal: () => Promise<number> }) => c.countTotal() },
  JobConnection: { totalCount: (c: { countTotal: () => Promise<number> }) => c.countTotal() },
  Activity: { __resolveType: (p: NodeParent) => (p.labels.includes('StepRun') ? 'StepRun' : 'Run') },
  Run: runFields,
  StepRun: runFields,
  Job: {
    ...ownedFields,
    facets: (p: NodeParent) => json(p.facetsJson),
    parameters: (p: NodeParent) => json(p.parametersJson),
    version: (p: NodeParent) => text(p.version),
    steps: (p: NodeParent, _: unknown, ctx: GraphQLContext) => ctx.loaders.prov.stepsOfJob.load(p.urn).then(parents),
    runs: latestRuns,
    runCount: (p: NodeParent, _: unknown, ctx: GraphQLContext) => ctx.loaders.prov.runCount.load(p.urn),
    latestRun: (p: NodeParent, _: unknown, ctx: GraphQLContext) => latestRuns(p, { first: 1 }, ctx).then(first),
    parent: (p: NodeParent, a: unknown, ctx: GraphQLContext) => jobRelated('PARENT')(p, a, ctx).then(first),
    children: jobRelated('CHILD'),
    attributedTo: jobRelated('AGENT'),
  },
  Step: {
    ...nodeFields,
    position: (p: NodeParent) => int(p.position),
    params: (p: NodeParent) => json(p.paramsJson),
    parameterRefs: (p: NodeParent) => strings(p.parameterRefs),
    job: (p: NodeParent, _: unknown, ctx: GraphQLContext) => ctx.loaders.prov.jobsOfStep.load(p.urn).then(parents).then(first),
    runs: latestRuns,
  },
  Agent: { ...nodeFields, version: (p: NodeParent) => text(p.version) },
  Dataset: {
    ...nodeFields,
    facets: (p: NodeParent) => json(p.facetsJson),
    columns: (p: NodeParent, _: unknown, ctx: GraphQLContext) => ctx.loaders.meta.columns.load(p.urn).then(parents),
    generatedBy: runsAround('GENERATED_BY'),
    usedBy: runsAround('USED_BY'),
  },
  File: {
    ...nodeFields,
    sizeBytes: (p: NodeParent) => num(p.sizeBytes) ?? num(p.contentSize),
    generatedBy: runsAround('GENERATED_BY'),
    usedBy: runsAround('USED_BY'),
  },
  ReferencePanel: { ...nodeFields, usedBy: runsAround('USED_BY') },
  StatusUpdate: {
    ...nodeFields,
    status: (p: NodeParent) => runStatusOf(p.status),
    rawStatus: (p: NodeParent) => text(p.rawStatus) ?? text(p.status),
    details: (p: NodeParent) => json(p.detailsJson),
  },
  RunEvent: { ...nodeFields, warnings: (p: NodeParent) => strings(p.warnings), raw: (p: NodeParent) => json(p.rawJson) },
  ProvenanceRecord: {
    ...nodeFields,
    evidenceCodes: (p: NodeParent) => strings(p.evidenceCodes),
    details: (p: NodeParent) => json(p.detailsJson),
  },
  ProvenanceNode: {
    id: (n: ProvenanceNodeView) => n.urn,
    type: (n: ProvenanceNodeView) => provType(n.labels),
    node: async (n: ProvenanceNodeView, _: unknown, ctx: GraphQLContext) => {
      const found = await ctx.loaders.node.load(n.urn);
      return found ? toParent(found) : null;
    },
  },
};

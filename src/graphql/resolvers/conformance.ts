import { filter, pipe } from 'graphql-yoga';
import { createLoaders } from '../../loaders/index.js';
import type { ConformanceProgressEvent } from '../../events/bus.js';
import { evaluationUrn } from '../../services/conformance/evaluate.js';
import { loadRuleSet } from '../../services/conformance/rule-set.js';
import type { Rule } from '../../services/conformance/rule-types.js';
import { conformanceScore, type ScoreScope } from '../../services/conformance/score.js';
import { listViolations, updateViolationStatus, type ViolationListArgs } from '../../services/conformance/violations.js';
import { requireUrn } from '../../services/lineage/limits.js';
import type { GraphQLContext } from '../context.js';
import { checked } from './subscription-start.js';
import { scopedEvents, unlessRevoked } from './subscription-scope.js';
import { seesNamespace } from '../../auth/principal.js';
import { subscriptionPubSub } from '../pubsub.js';
import type { NodeParent } from './base.js';
import { emptyConnection, scopedCapsuleFilter, scopedScoreScope } from '../namespace-scoping.js';
import { connection } from '../pagination.js';
import { json, nodeFields, parents, strings, text, toParent } from './fields.js';

const CAPSULE_TYPES = ['Model', 'Source', 'Seed', 'Snapshot', 'Exposure', 'Metric', 'SemanticModel', 'SavedQuery', 'Analysis'];
const upper = (v: unknown) => String(v ?? '').toUpperCase();

function ruleSet(ctx: GraphQLContext): Rule[] {
  return loadRuleSet(ctx.helix.rulesFile);
}

/** A rule by id from the server's rule set, else as the last evaluation stored it (a rule of a CLI rule set). */
function ruleParent(ctx: GraphQLContext, id: string): Record<string, unknown> {
  const r = ruleSet(ctx).find((x) => x.id === id);
  if (r) return { ...r, cypher: r.query.kind === 'text' ? r.query.text : null };
  return { id, name: id, description: '', category: 'unknown', severity: 'warning', scope: 'unknown', enabled: false, params: {}, remediation: '', origin: 'unknown', cypher: null };
}

const capsuleConformance = {
  violations: async (p: NodeParent, args: { status?: string[] | null }, ctx: GraphQLContext) => {
    const statuses = args.status && args.status.length > 0 ? args.status : ['OPEN', 'ACKNOWLEDGED'];
    return parents(await ctx.loaders.conformance.violationsOfSubject.load({ urn: p.urn, args: { statuses } }));
  },
  conformanceScore: async (p: NodeParent, _: unknown, ctx: GraphQLContext) => {
    const score = await ctx.loaders.conformance.capsuleScore.load(p.urn);
    return { ...score, trend: await ctx.loaders.conformance.trend.load(String(p.namespace ?? '')) };
  },
};

export const conformanceResolvers = {
  Query: {
    rules: (_: unknown, __: unknown, ctx: GraphQLContext) => ruleSet(ctx).map((r) => ({ ...r, cypher: r.query.kind === 'text' ? r.query.text : null })),
    rule: (_: unknown, args: { id: string }, ctx: GraphQLContext) => {
      const r = ruleSet(ctx).find((x) => x.id === args.id);
      return r ? { ...r, cypher: r.query.kind === 'text' ? r.query.text : null } : null;
    },
    violations: async (_: unknown, args: ViolationListArgs, ctx: GraphQLContext) => {
      const filter = scopedCapsuleFilter(ctx, args.filter);
      if (filter === null) return emptyConnection(args.after);
      return connection(await listViolations(ctx.helix.exec, { ...args, filter }, ctx.queryCtx), args.after);
    },
    conformanceScore: async (_: unknown, args: { scope: ScoreScope }, ctx: GraphQLContext) => {
      const rules = await ctx.loaders.conformance.enabledRules();
      return conformanceScore(ctx.helix.exec, scopedScoreScope(ctx, args.scope ?? {}), rules);
    },
    conformanceEvaluation: async (_: unknown, args: { id: string }, ctx: GraphQLContext) => {
      const id = requireUrn('id', args.id);
      const n = await ctx.loaders.node.load(id.startsWith('urn:') ? id : evaluationUrn(id));
      return n?.labels.includes('ConformanceEvaluation') ? toParent(n) : null;
    },
  },
  Mutation: {
    evaluateConformance: async (_: unknown, args: { input?: { namespace?: string | null; rules?: string[] | null } | null }, ctx: GraphQLContext) => {
      const { urn } = await ctx.helix.conformanceJobs.start(args.input ?? {});
      const n = await ctx.loaders.node.load(urn);
      return n ? toParent(n) : { urn, labels: ['ConformanceEvaluation'], status: 'queued', mode: 'full' };
    },
    updateViolationStatus: async (_: unknown, args: { id: string; status: string; comment?: string | null; by?: string | null }, ctx: GraphQLContext) =>
      toParent(await updateViolationStatus(ctx.helix.exec, { id: args.id, status: args.status, comment: args.comment ?? null, by: text(args.by) ?? 'api' }, ctx.queryCtx)),
  },
  Subscription: {
    conformanceProgress: {
      subscribe: (_: unknown, args: { id?: string | null }, ctx: GraphQLContext) => {
        const want = checked(() => (args.id ? requireUrn('id', args.id).replace(/^urn:helix:conformance-evaluation:/, '') : null));
        const events = pipe(subscriptionPubSub().subscribe('conformanceProgress'), filter((e: ConformanceProgressEvent) => want === null || e.id === want));
        // An evaluation belongs to the namespace it was asked for; one over every namespace only to full keys.
        return scopedEvents(ctx, events, (e) => seesNamespace(ctx.principal, e.namespace));
      },
      resolve: unlessRevoked((e: ConformanceProgressEvent, _: unknown, ctx: GraphQLContext) => {
        ctx.loaders = createLoaders(ctx.helix.exec, ctx.queryCtx);
        return e;
      }),
    },
  },
  ConformanceProgress: {
    evaluation: (e: ConformanceProgressEvent, _: unknown, ctx: GraphQLContext) => ctx.loaders.node.load(e.urn).then((n) => (n ? toParent(n) : null)),
  },
  Rule: {
    severity: (r: Rule) => upper(r.severity),
    params: (r: Rule) => r.params ?? {},
  },
  Violation: {
    ...nodeFields,
    status: (p: NodeParent) => String(p.status),
    severity: (p: NodeParent) => upper(p.severity),
    rule: (p: NodeParent, _: unknown, ctx: GraphQLContext) => ruleParent(ctx, String(p.ruleId)),
    subject: async (p: NodeParent, _: unknown, ctx: GraphQLContext) => {
      const n = await ctx.loaders.node.load(String(p.subjectUrn));
      // A removed subject (its violation RESOLVED) still answers with its urn.
      return n ? toParent(n) : { urn: String(p.subjectUrn), labels: ['Node'], removed: true };
    },
    category: (p: NodeParent) => String(p.category ?? ''),
    message: (p: NodeParent) => String(p.message ?? ''),
    evidence: (p: NodeParent) => strings(p.evidence),
    history: (p: NodeParent) => {
      const statuses = strings(p.historyStatus);
      const at = strings(p.historyAt);
      const by = strings(p.historyBy);
      const comments = strings(p.historyComment);
      return statuses.map((status, i) => ({ status, at: at[i], by: by[i] ?? 'helix', comment: text(comments[i]) }));
    },
  },
  ViolationConnection: { totalCount: (c: { countTotal: () => Promise<number> }) => c.countTotal() },
  RuleScore: { rule: (s: { rule: string }, _: unknown, ctx: GraphQLContext) => ruleParent(ctx, s.rule) },
  ConformanceEvaluation: {
    ...nodeFields,
    evaluationId: (p: NodeParent) => text(p.id) ?? p.urn.split(':').pop(),
    status: (p: NodeParent) => String(p.status ?? 'queued'),
    mode: (p: NodeParent) => String(p.mode ?? 'full'),
    report: (p: NodeParent) => json(p.reportJson),
  },
  ...Object.fromEntries(CAPSULE_TYPES.map((t) => [t, capsuleConformance])),
};

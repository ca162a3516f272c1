import type { Executor } from '../../db/executor.js';
import { requireQueries } from '../../db/registry.js';
import type { Rule } from './rule-types.js';
import { SCOPE_LABELS } from './scope-labels.js';

const Q = requireQueries([
  'conformance/count-scope-subjects',
  'conformance/count-open-violations',
  'conformance/score-capsule-set',
  'conformance/list-evaluations',
  'conformance/list-recent-evaluations',
  'conformance/list-capsule-set-history',
] as const);

export interface ScoreScope {
  namespace?: string | null;
  domain?: string | null;
  dataProduct?: string | null;
  layer?: string | null;
  capsule?: string | null;
}

export interface ScorePart {
  evaluated: number;
  failed: number;
  score: number;
}

export interface ConformanceScore extends ScorePart {
  byCategory: Array<ScorePart & { category: string }>;
  byRule: Array<ScorePart & { rule: string; category: string; severity: string }>;
  trend: Array<{ evaluation: string; at: string; score: number }>;
}

/** 100 × (evaluated − failed) / evaluated, rounded to one decimal; 100 when nothing is evaluated. */
export function scoreOf(evaluated: number, failed: number): number {
  if (evaluated <= 0) return 100;
  return Math.round((1000 * (evaluated - failed)) / evaluated) / 10;
}

type RuleRef = { id: string; category: string; severity: string; scope: Rule['scope'] | string };

/** Per rule: subject × rule pairs evaluated in the scope, and those with an OPEN or ACKNOWLEDGED violation. */
export async function ruleCounts(exec: Executor, scope: ScoreScope, rules: RuleRef[]): Promise<Map<string, { evaluated: number; failed: number }>> {
  const out = new Map<string, { evaluated: number; failed: number }>();
  if (rules.length === 0) return out;
  const namespace = scope.namespace ?? null;
  if (scope.domain || scope.dataProduct || scope.layer || scope.capsule) {
    const rows = await exec.read(Q['conformance/score-capsule-set'], {
      namespace,
      domain: scope.domain ?? null,
      dataProduct: scope.dataProduct ?? null,
      layer: scope.layer ?? null,
      capsule: scope.capsule ?? null,
      rules: rules.map((r) => ({ id: r.id, label: labelOf(r.scope) })),
    });
    for (const r of rows) out.set(String(r.rule), { evaluated: Number(r.evaluated ?? 0), failed: Number(r.failed ?? 0) });
    return out;
  }
  const byLabel = new Map<string, number>();
  for (const label of new Set(rules.map((r) => labelOf(r.scope)))) {
    const [row] = await exec.read(Q['conformance/count-scope-subjects'], { label, namespace, subjects: null });
    byLabel.set(label, Number(row?.evaluated ?? 0));
  }
  const failed = await exec.read(Q['conformance/count-open-violations'], { ruleIds: rules.map((r) => r.id), namespace });
  const failedBy = new Map(failed.map((r) => [String(r.rule), Number(r.failed ?? 0)]));
  for (const r of rules) out.set(r.id, { evaluated: byLabel.get(labelOf(r.scope)) ?? 0, failed: failedBy.get(r.id) ?? 0 });
  return out;
}

export async function conformanceScore(exec: Executor, scope: ScoreScope, rules: RuleRef[], trendLength = 10): Promise<ConformanceScore> {
  const counts = await ruleCounts(exec, scope, rules);
  const summary = summariseScore(rules, counts);
  const trend = isFine(scope) ? await replayedTrend(exec, scope, rules, summary.evaluated, trendLength) : await scoreTrend(exec, scope, trendLength);
  return { ...summary, trend };
}

/** Totals, by category and by rule, from per-rule counts. */
export function summariseScore(
  rules: Array<Pick<RuleRef, 'id' | 'category' | 'severity'>>,
  counts: Map<string, { evaluated: number; failed: number }>,
): Omit<ConformanceScore, 'trend'> {
  const byRule = rules.map((r) => {
    const c = counts.get(r.id) ?? { evaluated: 0, failed: 0 };
    return { rule: r.id, category: r.category, severity: r.severity, ...c, score: scoreOf(c.evaluated, c.failed) };
  });
  const categories = new Map<string, { evaluated: number; failed: number }>();
  for (const r of byRule) {
    const c = categories.get(r.category) ?? { evaluated: 0, failed: 0 };
    c.evaluated += r.evaluated;
    c.failed += r.failed;
    categories.set(r.category, c);
  }
  const evaluated = byRule.reduce((s, r) => s + r.evaluated, 0);
  const failed = byRule.reduce((s, r) => s + r.failed, 0);
  return {
    evaluated,
    failed,
    score: scoreOf(evaluated, failed),
    byCategory: [...categories].map(([category, c]) => ({ category, ...c, score: scoreOf(c.evaluated, c.failed) })),
    byRule,
  };
}

function isFine(scope: ScoreScope): boolean {
  return Boolean(scope.domain || scope.dataProduct || scope.layer || scope.capsule);
}

/**
 * A finer scope's trend: after each of the last evaluations, the violations of its subjects that were OPEN or
 * ACKNOWLEDGED then (their history says so), over today's evaluated pairs.
 */
async function replayedTrend(exec: Executor, scope: ScoreScope, rules: RuleRef[], evaluated: number, limit: number): Promise<ConformanceScore['trend']> {
  if (rules.length === 0) return [];
  const evaluations = await exec.read(Q['conformance/list-recent-evaluations'], { namespace: scope.namespace ?? null, limit });
  if (evaluations.length === 0) return [];
  const histories = await exec.read(Q['conformance/list-capsule-set-history'], {
    namespace: scope.namespace ?? null,
    domain: scope.domain ?? null,
    dataProduct: scope.dataProduct ?? null,
    layer: scope.layer ?? null,
    capsule: scope.capsule ?? null,
    ruleIds: rules.map((r) => r.id),
  });
  return evaluations
    .map((e) => {
      const at = String(e.at);
      const failed = histories.filter((h) => statusAt(h.statuses as string[], h.ats as string[], at) === 'failing').length;
      return { evaluation: String(e.id), at, score: scoreOf(evaluated, failed) };
    })
    .reverse();
}

/** 'failing' when the last status recorded up to `at` is OPEN or ACKNOWLEDGED. */
export function statusAt(statuses: string[], ats: string[], at: string): 'failing' | 'other' {
  const when = Date.parse(at);
  let last: string | undefined;
  statuses.forEach((s, i) => {
    if (Date.parse(ats[i] ?? '') <= when) last = s;
  });
  return last === 'OPEN' || last === 'ACKNOWLEDGED' ? 'failing' : 'other';
}

/**
 * The score each of the last evaluations recorded, oldest first. Evaluations record the score of what they
 * evaluated (a namespace, or everything).
 */
async function scoreTrend(exec: Executor, scope: ScoreScope, limit: number): Promise<ConformanceScore['trend']> {
  const rows = await exec.read(Q['conformance/list-evaluations'], { namespace: scope.namespace ?? null, limit });
  return rows
    .filter((r) => r.score !== null && r.score !== undefined)
    .map((r) => ({ evaluation: String(r.id), at: String(r.at), score: Number(r.score) }))
    .reverse();
}

function labelOf(scope: string): string {
  return (SCOPE_LABELS as Record<string, string>)[scope] ?? scope;
}

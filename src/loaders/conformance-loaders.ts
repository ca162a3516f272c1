import DataLoader from 'dataloader';
import type { Executor, QueryContext } from '../db/executor.js';
import { requireQueries } from '../db/registry.js';
import { conformanceScore, summariseScore, type ConformanceScore } from '../services/conformance/score.js';
import { SCOPE_LABELS } from '../services/conformance/scope-labels.js';
import type { Scope } from '../services/conformance/rule-types.js';
import { evaluatedRules, type StoredRule } from '../services/conformance/violations.js';
import { keyedLoader } from './keyed-loader.js';

const Q = requireQueries(['conformance/get-violations-by-subject', 'conformance/score-capsules'] as const);

/**
 * Capsule.violations and Capsule.conformanceScore: one round trip per tick for all capsules of a response (the
 * enabled rules are read once per request; a score's trend once per namespace).
 */
export function createConformanceLoaders(exec: Executor, ctx: QueryContext) {
  let rules: Promise<StoredRule[]> | undefined;
  const enabledRules = () => (rules ??= evaluatedRules(exec, ctx).then((all) => all.filter((r) => r.enabled)));
  const trend = new DataLoader<string, ConformanceScore['trend']>((namespaces) =>
    Promise.all(namespaces.map(async (namespace) => (await conformanceScore(exec, { namespace }, [])).trend)),
  );
  const capsuleScore = new DataLoader<string, Omit<ConformanceScore, 'trend'>>(async (urns) => {
    const enabled = await enabledRules();
    const rows =
      enabled.length === 0
        ? []
        : await exec.read(Q['conformance/score-capsules'], { urns: [...urns], rules: enabled.map((r) => ({ id: r.id, label: SCOPE_LABELS[r.scope as Scope] ?? r.scope })) }, ctx);
    const byKey = new Map<string, Map<string, { evaluated: number; failed: number }>>();
    for (const r of rows) {
      const m = byKey.get(String(r.key)) ?? new Map();
      m.set(String(r.rule), { evaluated: Number(r.evaluated ?? 0), failed: Number(r.failed ?? 0) });
      byKey.set(String(r.key), m);
    }
    return urns.map((urn) => summariseScore(enabled, byKey.get(urn) ?? new Map()));
  });
  return {
    violationsOfSubject: keyedLoader<{ statuses: string[] | null }>(exec, ctx, Q['conformance/get-violations-by-subject']),
    capsuleScore,
    trend,
    enabledRules,
  };
}

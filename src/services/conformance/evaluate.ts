import { randomUUID } from 'node:crypto';
import type { Executor } from '../../db/executor.js';
import { requireQueries } from '../../db/registry.js';
import { runConformancePreSteps } from './pre-steps.js';
import type { Finding, Rule } from './rule-types.js';
import { checkUserRule, runRuleQuery } from './run-rule.js';
import { ruleCounts, scoreOf } from './score.js';
import { SCOPE_LABELS } from './scope-labels.js';

const Q = requireQueries([
  'conformance/upsert-rules',
  'conformance/record-findings',
  'conformance/resolve-passing',
  'conformance/count-scope-subjects',
  'conformance/expand-affected-subjects',
  'conformance/create-evaluation',
  'conformance/start-evaluation',
  'conformance/finish-evaluation',
] as const);

const BATCH = 5_000;

export interface EvaluateOptions {
  namespace?: string | null;
  rules: Rule[];
  /** Set when the evaluation record was queued already (background evaluations). */
  id?: string;
  rulesFile?: string | null;
  /** Incremental: urns of the nodes an ingestion created, changed or removed. Absent: a full evaluation. */
  changed?: string[];
  ruleTimeoutMs?: number;
  onProgress?: (p: EvaluationProgress) => void;
}

export interface EvaluationProgress {
  rule: string;
  done: number;
  total: number;
}

export interface RuleReport {
  rule: string;
  category: string;
  severity: string;
  /** Subjects of the rule's scope judged in this run (incremental: only the affected ones). */
  evaluated: number;
  failing: number;
  created: number;
  reopened: number;
  resolved: number;
  durationMs: number;
}

export interface EvaluationReport {
  id: string;
  urn: string;
  namespace: string | null;
  mode: 'full' | 'incremental';
  rules: RuleReport[];
  /** Incremental: distinct subjects judged again (over all rules); full: null. */
  touched: number | null;
  created: number;
  reopened: number;
  resolved: number;
  /** The namespace's score after this run (subject × rule pairs of every enabled rule). */
  evaluated: number;
  failed: number;
  score: number;
  durationMs: number;
}

export function evaluationUrn(id: string): string {
  return `urn:helix:conformance-evaluation:${id}`;
}

export async function queueEvaluation(exec: Executor, o: { id: string; namespace: string | null; mode: string; rulesFile: string | null }): Promise<void> {
  await exec.write(Q['conformance/create-evaluation'], { urn: evaluationUrn(o.id), id: o.id, namespace: o.namespace, status: 'queued', mode: o.mode, rulesFile: o.rulesFile });
}

/**
 * Evaluates the enabled rules over a namespace (or everything): pre-steps (PII refresh), then each rule's query,
 * whose failing subjects become or refresh Violations while violations of subjects that now pass are resolved.
 * Incremental runs judge only the subjects the changed nodes can affect and give the same violations as a full run.
 */
export async function evaluateConformance(exec: Executor, o: EvaluateOptions): Promise<EvaluationReport> {
  const began = performance.now();
  const id = o.id ?? randomUUID();
  const urn = evaluationUrn(id);
  const namespace = o.namespace ?? null;
  const mode = o.changed ? 'incremental' : 'full';
  for (const rule of o.rules) if (rule.enabled) await checkUserRule(exec, rule);
  if (!o.id) await queueEvaluation(exec, { id, namespace, mode, rulesFile: o.rulesFile ?? null });
  await exec.write(Q['conformance/start-evaluation'], { urn });
  try {
    await runConformancePreSteps(exec, namespace);
    await exec.write(Q['conformance/upsert-rules'], { rules: o.rules.map(ruleNode) });
    const enabled = o.rules.filter((r) => r.enabled);
    const reports: RuleReport[] = [];
    const touched = new Set<string>();
    const at = new Date().toISOString();
    for (const [i, rule] of enabled.entries()) {
      const started = performance.now();
      const subjects = o.changed ? await affectedSubjects(exec, rule, o.changed) : null;
      for (const s of subjects ?? []) touched.add(s);
      const report = await evaluateRule(exec, rule, { namespace, subjects, evaluation: id, at, timeoutMs: o.ruleTimeoutMs ?? 120_000 });
      reports.push({ ...report, durationMs: Math.round(performance.now() - started) });
      o.onProgress?.({ rule: rule.id, done: i + 1, total: enabled.length });
    }
    const counts = await ruleCounts(exec, { namespace }, enabled);
    const evaluated = [...counts.values()].reduce((s, c) => s + c.evaluated, 0);
    const failed = [...counts.values()].reduce((s, c) => s + c.failed, 0);
    const report: EvaluationReport = {
      id,
      urn,
      namespace,
      mode,
      rules: reports,
      touched: o.changed ? touched.size : null,
      created: sum(reports, 'created'),
      reopened: sum(reports, 'reopened'),
      resolved: sum(reports, 'resolved'),
      evaluated,
      failed,
      score: scoreOf(evaluated, failed),
      durationMs: Math.round(performance.now() - began),
    };
    await exec.write(Q['conformance/finish-evaluation'], {
      urn,
      status: 'completed',
      durationMs: report.durationMs,
      error: null,
      reportJson: JSON.stringify(report),
      evaluated,
      failed,
      score: report.score,
      violations: failed,
      touched: report.touched,
    });
    return report;
  } catch (error) {
    await exec
      .write(Q['conformance/finish-evaluation'], {
        urn,
        status: 'failed',
        durationMs: Math.round(performance.now() - began),
        error: (error as Error).message,
        reportJson: null,
        evaluated: null,
        failed: null,
        score: null,
        violations: null,
        touched: null,
      })
      .catch(() => undefined);
    throw error;
  }
}

interface RuleRun {
  namespace: string | null;
  subjects: string[] | null;
  evaluation: string;
  at: string;
  timeoutMs: number;
}

async function evaluateRule(exec: Executor, rule: Rule, r: RuleRun): Promise<Omit<RuleReport, 'durationMs'>> {
  const base = { rule: rule.id, category: rule.category, severity: rule.severity };
  const [count] = await exec.read(Q['conformance/count-scope-subjects'], { label: SCOPE_LABELS[rule.scope], namespace: r.namespace, subjects: r.subjects });
  const evaluated = Number(count?.evaluated ?? 0);
  const findings: Finding[] =
    r.subjects && r.subjects.length === 0 ? [] : await runRuleQuery(exec, rule, { namespace: r.namespace, subjects: r.subjects, params: rule.params }, r.timeoutMs);
  let created = 0;
  let reopened = 0;
  const unique = [...new Map(findings.map((f) => [f.subject, f])).values()];
  for (let i = 0; i < unique.length; i += BATCH) {
    const [row] = await exec.write(Q['conformance/record-findings'], {
      ruleUrn: ruleUrn(rule.id),
      ruleId: rule.id,
      findings: unique.slice(i, i + BATCH),
      at: r.at,
      evaluation: r.evaluation,
      severity: rule.severity,
      category: rule.category,
    });
    created += Number(row?.created ?? 0);
    reopened += Number(row?.reopened ?? 0);
  }
  const [res] = await exec.write(Q['conformance/resolve-passing'], { ruleId: rule.id, namespace: r.namespace, subjects: r.subjects, evaluation: r.evaluation, at: r.at });
  return { ...base, evaluated, failing: unique.length, created, reopened, resolved: Number(res?.resolved ?? 0) };
}

async function affectedSubjects(exec: Executor, rule: Rule, changed: string[]): Promise<string[]> {
  if (changed.length === 0) return [];
  const [row] = await exec.read(Q['conformance/expand-affected-subjects'], { urns: changed, label: SCOPE_LABELS[rule.scope], lineage: rule.reach === 'lineage' });
  return (row?.subjects as string[] | undefined) ?? [];
}

export function ruleUrn(id: string): string {
  return `urn:helix:rule:${id}`;
}

function ruleNode(r: Rule): Record<string, unknown> {
  return {
    urn: ruleUrn(r.id),
    id: r.id,
    name: r.name,
    description: r.description,
    category: r.category,
    severity: r.severity,
    scope: r.scope,
    enabled: r.enabled,
    paramsJson: JSON.stringify(r.params),
    remediation: r.remediation,
    origin: r.origin,
    reach: r.reach,
    cypher: r.query.kind === 'text' ? r.query.text : null,
  };
}

function sum(reports: RuleReport[], key: 'created' | 'reopened' | 'resolved'): number {
  return reports.reduce((s, r) => s + r[key], 0);
}

/** The actions of `helix conformance` (registered in conformance-command.ts), loaded only when one runs. */
import { INGESTERS } from '../ingestion/registry.js';
import type { HelixGraph } from '../app/open-graph.js';
import { requireQueries } from '../db/registry.js';
import { HelixError } from '../errors.js';
import { evaluateConformance, type EvaluationReport } from '../services/conformance/evaluate.js';
import { changedUrns, readScopeState, scopePrefixes } from '../services/conformance/ingestion-changes.js';
import { resolveRuleFile } from '../services/conformance/rule-file.js';
import { loadRuleSet } from '../services/conformance/rule-set.js';
import { SEVERITIES, severityRank, type Severity } from '../services/conformance/rule-types.js';
import { withHelix } from './bootstrap.js';
import type { EvaluateFlags } from './conformance-command.js';
import { summariseEvaluation } from './evaluation-summary.js';

const Q = requireQueries(['conformance/count-violations'] as const);


/** `helix conformance evaluate`. */
export async function evaluate(flags: EvaluateFlags): Promise<void> {
  const failOn = parseFailOn(flags.failOn);
  const rules = loadRuleSet(resolveRuleFile(flags.rules, process.cwd(), process.env.HELIX_RULES_FILE));
  await withHelix({ migrate: true }, async (helix) => {
    const report = await evaluateConformance(helix.exec, { namespace: flags.namespace ?? null, rules, rulesFile: flags.rules ?? null, ruleTimeoutMs: helix.config.HELIX_RULE_TIMEOUT_MS });
    await finish(helix, report, flags, failOn);
  });
}

/** `helix conformance ingest <kind> <path>`: ingest, then evaluate what the ingestion changed. */
export async function ingestThenEvaluate(kind: string, path: string, flags: EvaluateFlags): Promise<void> {
  const entry = Object.hasOwn(INGESTERS, kind) ? INGESTERS[kind] : undefined;
  if (!entry) throw new HelixError('BAD_USER_INPUT', `unknown ingest kind '${kind}'; known: ${Object.keys(INGESTERS).sort().join(', ')}`);
  const failOn = parseFailOn(flags.failOn);
  const rules = loadRuleSet(resolveRuleFile(flags.rules, process.cwd(), process.env.HELIX_RULES_FILE));
  const run = await entry.run();
  await withHelix({ migrate: true, events: true }, async (helix) => {
    const prefixes = scopePrefixes(kind, flags.namespace);
    const before = await readScopeState(helix.exec, prefixes);
    const ingestion = await run(helix.exec, path, flags.namespace ? { namespace: flags.namespace } : {});
    if (ingestion.status !== 'completed') throw new HelixError('INGESTION_FAILED', `ingestion ${ingestion.id} ${ingestion.status}: ${ingestion.error ?? ''}`);
    const changed = changedUrns(before, await readScopeState(helix.exec, prefixes));
    const namespace = flags.namespace ?? (kind === 'dbt' ? (ingestion as { namespace?: string }).namespace ?? null : null);
    const report = await evaluateConformance(helix.exec, { namespace, rules, changed, rulesFile: flags.rules ?? null, ruleTimeoutMs: helix.config.HELIX_RULE_TIMEOUT_MS });
    if (!flags.json) process.stdout.write(`ingestion ${ingestion.id} completed: ${changed.length} nodes changed\n`);
    await finish(helix, report, flags, failOn);
  });
}

/** `helix conformance rules`. */
export function listRules(flags: { rules?: string; json?: boolean }): void {
  const rules = loadRuleSet(resolveRuleFile(flags.rules, process.cwd(), process.env.HELIX_RULES_FILE));
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(rules.map(({ query: _q, ...r }) => r), null, 2)}\n`);
    return;
  }
  for (const r of rules) process.stdout.write(`${r.enabled ? ' ' : '-'} ${r.id.padEnd(32)} ${r.category.padEnd(14)} ${r.severity.padEnd(8)} ${r.scope.padEnd(9)} ${r.name}\n`);
}

function parseFailOn(v: string | undefined): Severity | undefined {
  if (v === undefined) return undefined;
  const s = v.toLowerCase();
  if (!(SEVERITIES as readonly string[]).includes(s)) throw new HelixError('BAD_USER_INPUT', `--fail-on must be one of ${SEVERITIES.join(', ')} (got '${v}')`);
  return s as Severity;
}

async function finish(helix: HelixGraph, report: EvaluationReport, flags: EvaluateFlags, failOn: Severity | undefined): Promise<void> {
  let gate: { severity: string; open: number } | undefined;
  if (failOn) {
    const worse = SEVERITIES.filter((s) => severityRank(s) <= severityRank(failOn));
    const enabled = new Set(report.rules.map((r) => r.rule));
    let open = 0;
    for (const severity of worse) {
      for (const rule of enabled) {
        const [row] = await helix.exec.read(Q['conformance/count-violations'], { namespace: report.namespace, rule, severity, status: 'OPEN', category: null, subject: null });
        open += Number(row?.total ?? 0);
      }
    }
    gate = { severity: failOn, open };
    if (open > 0) process.exitCode = 1;
  }
  if (flags.json) process.stdout.write(`${JSON.stringify(gate ? { ...report, gate } : report, null, 2)}\n`);
  else process.stdout.write(summariseEvaluation(report, gate));
}

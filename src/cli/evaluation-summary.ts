import type { EvaluationReport } from '../services/conformance/evaluate.js';

/** Human-readable summary of a conformance evaluation (the full report is `--json`). */
export function summariseEvaluation(r: EvaluationReport, gate?: { severity: string; open: number }): string {
  const lines = [
    `conformance evaluation ${r.id} (${r.mode}${r.namespace ? `, namespace ${r.namespace}` : ''}): score ${r.score} (${r.evaluated - r.failed}/${r.evaluated} pairs pass)`,
  ];
  if (r.touched !== null) lines.push(`  subjects judged again: ${r.touched}`);
  lines.push(`  violations: ${r.failed} open or acknowledged; this run created ${r.created}, reopened ${r.reopened}, resolved ${r.resolved}`);
  for (const rule of r.rules) {
    lines.push(`  ${rule.rule.padEnd(32)} ${rule.severity.padEnd(8)} failing ${String(rule.failing).padStart(6)} of ${String(rule.evaluated).padStart(7)}  (${rule.durationMs} ms)`);
  }
  if (gate) lines.push(`  gate --fail-on ${gate.severity}: ${gate.open} open violation(s) ${gate.open > 0 ? '-> exit 1' : '-> pass'}`);
  lines.push(`  time: ${r.durationMs} ms`);
  return `${lines.join('\n')}\n`;
}

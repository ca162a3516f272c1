import type { IngestionReport } from '../ingestion/record.js';

/** How many issues the plain-text summary lists (all of them are in `--json`). */
const SHOWN_ISSUES = 10;

/** Human-readable summary of an ingestion report (the full one is `--json`). */
export function summariseReport(r: IngestionReport): string {
  const lines = [`ingestion ${r.id} ${r.status} (${r.kind}, scope ${r.scope})`];
  if (r.error) lines.push(`  error: ${r.error}`);
  const t = (x: { created: number; updated: number; unchanged: number; deleted: number }) =>
    `created ${x.created}, updated ${x.updated}, unchanged ${x.unchanged}, deleted ${x.deleted}`;
  lines.push(`  nodes: ${t(r.write.nodes)}`);
  for (const [label, x] of Object.entries(r.write.nodes.byLabel).sort()) lines.push(`    ${label}: ${t(x)}`);
  lines.push(`  edges: ${t(r.write.edges)}`);
  for (const [type, x] of Object.entries(r.write.edges.byType).sort()) lines.push(`    ${type}: ${t(x)}`);
  const counts = Object.entries(r.issueCounts).sort();
  lines.push(`  issues: ${counts.length === 0 ? 'none' : counts.map(([code, n]) => `${code} ${n}`).join(', ')}`);
  // Errors first, then warnings, then the rest, each in the order they were found.
  const rank = { error: 0, warning: 1 } as Record<string, number>;
  const ordered = [...r.issues].sort((a, b) => (rank[a.severity] ?? 2) - (rank[b.severity] ?? 2));
  for (const i of ordered.slice(0, SHOWN_ISSUES)) {
    const where = i.file ? `${i.file}${i.line !== undefined ? `:${i.line}` : ''}: ` : i.subject ? `${i.subject}: ` : '';
    lines.push(`    ${i.severity} ${i.code} ${where}${i.message}`);
  }
  if (r.issues.length > SHOWN_ISSUES) lines.push(`    ... ${r.issues.length - SHOWN_ISSUES} more (--json lists them all)`);
  for (const [k, v] of Object.entries(r.stats).sort()) lines.push(`  ${k}: ${v}`);
  lines.push(`  time: ${Object.entries(r.timingsMs).map(([k, v]) => `${k} ${v} ms`).join(', ')}`);
  return `${lines.join('\n')}\n`;
}

import type { IngestionReport } from '../../ingest/core/ingestion.js';

/** Human-readable summary of an ingestion report (the full one is `--json`). */
export function summariseReport(r: IngestionReport): string {
  const lines = [`ingestion ${r.id} ${r.status} (${r.kind}, scope ${r.scope})`];
  const t = (x: { created: number; updated: number; unchanged: number; deleted: number }) =>
    `created ${x.created}, updated ${x.updated}, unchanged ${x.unchanged}, deleted ${x.deleted}`;
  lines.push(`  nodes: ${t(r.write.nodes)}`);
  for (const [label, x] of Object.entries(r.write.nodes.byLabel).sort()) lines.push(`    ${label}: ${t(x)}`);
  lines.push(`  edges: ${t(r.write.edges)}`);
  for (const [type, x] of Object.entries(r.write.edges.byType).sort()) lines.push(`    ${type}: ${t(x)}`);
  const issues = Object.entries(r.issueCounts).sort();
  lines.push(`  issues: ${issues.length === 0 ? 'none' : ''}`);
  for (const [code, n] of issues) lines.push(`    ${code}: ${n}`);
  for (const [k, v] of Object.entries(r.stats).sort()) lines.push(`  ${k}: ${v}`);
  lines.push(`  time: ${Object.entries(r.timingsMs).map(([k, v]) => `${k} ${v} ms`).join(', ')}`);
  if (r.error) lines.push(`  error: ${r.error}`);
  return `${lines.join('\n')}\n`;
}

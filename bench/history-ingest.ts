// What history costs when a project changes: a synthetic dbt project, then an edited copy (10% of model
// descriptions changed, 1% of the models removed with their dependencies), timed write by write; and, where the
// code has history (lineageDiff), how long the diff and lineage(asOf) take next to the current lineage.
// Usage: NEO4J_URI=… npx tsx bench/history-ingest.ts [models=2000]
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openHelix } from '../src/app/context.js';
import { loadConfig } from '../src/config/load.js';
import { createLogger } from '../src/observability/logger.js';
import { runDbtIngest } from '../src/ingestion/dbt.js';
import { serviceContext } from '../src/services/lineage/service-context.js';
import { computeLineage, lineageRequest } from '../src/services/lineage/lineage-service.js';
import { writeSyntheticDbtProject } from './synthetic-dbt.js';

const models = Number(process.argv[2] ?? 2000);
const helix = await openHelix(loadConfig(), createLogger('warn'), { migrate: true });
const dir = writeSyntheticDbtProject(mkdtempSync(path.join(os.tmpdir(), 'helix-history-bench-')), models);
const namespace = `bench-history-${Date.now()}`;

const first = await runDbtIngest(helix.exec, dir, { namespace });
const file = path.join(dir, 'manifest.json');
const m = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Record<string, any> };
const ids = Object.keys(m.nodes).filter((k) => k.startsWith('model.')).sort();
const removed = new Set(ids.filter((_, i) => i % 100 === 99));
ids.forEach((id, i) => {
  if (i % 10 === 3) m.nodes[id].description = `${m.nodes[id].description ?? ''} (changed)`;
});
for (const id of removed) delete m.nodes[id];
for (const n of Object.values(m.nodes)) if (n.depends_on?.nodes) n.depends_on.nodes = n.depends_on.nodes.filter((p: string) => !removed.has(p));
writeFileSync(file, JSON.stringify(m));
const second = await runDbtIngest(helix.exec, dir, { namespace });

const out: Record<string, unknown> = {
  models,
  firstIngest: { totalMs: first.timingsMs.total, writeMs: first.timingsMs.write },
  changedIngest: {
    totalMs: second.timingsMs.total,
    writeMs: second.timingsMs.write,
    nodes: { updated: second.write.nodes.updated, deleted: second.write.nodes.deleted },
    edges: { updated: second.write.edges.updated, deleted: second.write.edges.deleted },
  },
};

// History reads (only where the code has them).
const history = await import('../src/services/history/diff.js').catch(() => undefined);
if (history) {
  const s = serviceContext(helix, { op: 'bench history' });
  const t0 = performance.now();
  const d = await history.lineageDiff(s, { namespace, from: first.id, to: second.id });
  out.lineageDiff = {
    ms: Math.round(performance.now() - t0),
    changes: d.addedNodes.length + d.removedNodes.length + d.changedNodes.length + d.addedEdges.length + d.removedEdges.length,
  };
  const { lineageAsOf } = await import('../src/services/history/lineage-at.js');
  const roots = ids.filter((id, i) => i % 50 === 7 && !removed.has(id)).map((id) => `urn:dbt:${namespace}:${id}`);
  const time = async (fn: (urn: string) => Promise<unknown>) => {
    const ms: number[] = [];
    for (const urn of roots) {
      const t = performance.now();
      await fn(urn);
      ms.push(performance.now() - t);
    }
    ms.sort((a, b) => a - b);
    return { n: ms.length, p50: Number(ms[Math.floor(ms.length / 2)]!.toFixed(1)), p95: Number(ms[Math.floor(ms.length * 0.95)]!.toFixed(1)) };
  };
  const args = (urn: string) => ({ urn, depth: 10 });
  out.lineageDepth10Ms = {
    current: await time((urn) => computeLineage(s, lineageRequest(args(urn)))),
    asOfFirstIngestion: await time((urn) => lineageAsOf(s, { ...args(urn), asOf: first.id })),
  };
}
out.loadAverage = os.loadavg().map((x) => Number(x.toFixed(1)));
console.log(JSON.stringify(out));
await helix.close();

import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { HelixContext } from '../src/app/context.js';
import { runDbtIngest } from '../src/ingestion/dbt.js';
import { writeGraph } from '../src/ingestion/writer.js';

export interface DbtIngestMeasurement {
  bench: string;
  nodes: number;
  edges: number;
  firstIngestMs: number;
  firstTimings: Record<string, number>;
  nodesAndEdgesPerSecond: number;
  reingestMs: number;
  reingestTimings: Record<string, number>;
  reingestAllUnchanged: boolean;
  /** The re-ingest reused the first one's result (same artifacts, graph unchanged) instead of mapping and comparing. */
  reingestReusedResult: boolean;
  reingestShareOfFirst: number;
  modelsWithColumnLineage: number | undefined;
  compiledModels: number | undefined;
}

/** The largest manifest of the corpus' dbt projects. */
export function largestDbtFixture(dbtDir: string): { name: string; dir: string } {
  const largest = readdirSync(dbtDir)
    .filter((d) => d !== 'schemas' && statSync(path.join(dbtDir, d)).isDirectory())
    .map((d) => ({ d, size: statSync(path.join(dbtDir, d, 'manifest.json'), { throwIfNoEntry: false })?.size ?? 0 }))
    .sort((a, b) => b.size - a.size)[0]!;
  return { name: largest.d, dir: path.join(dbtDir, largest.d) };
}

/**
 * First ingest and unchanged re-ingest of one dbt project, under a namespace of its own per run so the first ingest
 * really is a first one (no SQL lineage memo either); what it wrote is deleted afterwards.
 */
export async function measureDbtIngest(helix: HelixContext, label: string, dir: string, base: string): Promise<DbtIngestMeasurement> {
  const namespace = `${base}-${Date.now()}`;
  const first = await runDbtIngest(helix.exec, dir, { namespace, allowMassDelete: true });
  const items = first.write.nodes.created + first.write.nodes.updated + first.write.edges.created + first.write.edges.updated;
  const again = await runDbtIngest(helix.exec, dir, { namespace });
  const firstMs = first.timingsMs.total!;
  const againMs = again.timingsMs.total!;
  const w = again.write;
  await writeGraph(helix.exec, { nodes: [], edges: [], issues: [] }, { scope: `dbt:${namespace}`, deleteMissing: true, allowMassDelete: true });
  return {
    bench: label,
    nodes: first.write.nodes.created + first.write.nodes.updated,
    edges: first.write.edges.created + first.write.edges.updated,
    firstIngestMs: firstMs,
    firstTimings: first.timingsMs,
    nodesAndEdgesPerSecond: Math.round(items / (firstMs / 1000)),
    reingestMs: againMs,
    reingestTimings: again.timingsMs,
    reingestAllUnchanged: w.nodes.created + w.nodes.updated + w.nodes.deleted + w.edges.created + w.edges.updated + w.edges.deleted === 0,
    reingestReusedResult: again.unchangedSince !== undefined,
    reingestShareOfFirst: Number((againMs / firstMs).toFixed(3)),
    modelsWithColumnLineage: first.stats.modelsWithColumnLineage,
    compiledModels: first.stats.compiledModels,
  };
}

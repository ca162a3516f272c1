import { writeGraph } from '../../src/ingestion/writer.js';
import type { Executor } from '../../src/db/executor.js';
import { dbtShapedGraph, mulberry32, type SyntheticGraph } from '../lineage-graph.js';

const MARKER = 'urn:helix:bench:peer';

export interface PeerGraphOptions {
  capsules: number;
  seed: number;
  /** Share of columns that get a tag (TAGGED_WITH), so nested column tags have something to return. */
  columnTagShare: number;
}

/**
 * The synthetic dbt-shaped graph of bench/lineage-graph.ts plus tags on a share of its columns, written with the
 * shared writer unless the marker node says this very graph is already there (then a run starts in seconds).
 */
export async function ensurePeerGraph(exec: Executor, o: PeerGraphOptions, log: (line: string) => void): Promise<SyntheticGraph> {
  const wanted = JSON.stringify(o);
  const g = dbtShapedGraph({ capsules: o.capsules, seed: o.seed });
  const rnd = mulberry32(o.seed + 1);
  const tags = ['pii', 'finance', 'core', 'certified'];
  for (const n of g.nodes) {
    if (!n.labels.includes('Column') || rnd() >= o.columnTagShare) continue;
    const tag = tags[Math.floor(rnd() * tags.length)]!;
    g.edges.push({ type: 'TAGGED_WITH', from: n.urn, to: `urn:tag:${tag}` });
  }
  for (const tag of tags) {
    if (!g.nodes.some((n) => n.urn === `urn:tag:${tag}`)) g.nodes.push({ urn: `urn:tag:${tag}`, labels: ['Tag'], props: { name: tag } });
  }
  const [marker] = await exec.runText('MATCH (m:Node {urn: $urn}) RETURN m.options AS options', { urn: MARKER }, 'READ');
  if (marker?.options === wanted) {
    log(`graph already loaded (${g.nodes.length} nodes, ${g.edges.length} edges)`);
    return g;
  }
  log(`writing ${g.nodes.length} nodes and ${g.edges.length} edges (${o.capsules} capsules) ...`);
  const started = performance.now();
  await writeGraph(exec, g, { scope: 'bench:peer', deleteMissing: true, allowMassDelete: true, batchSize: 1000 });
  await writeGraph(exec, { nodes: [{ urn: MARKER, labels: ['BenchMarker'], props: { options: wanted } }], edges: [], issues: [] }, {
    scope: 'bench:peer-marker',
    deleteMissing: false,
  });
  log(`written in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return g;
}

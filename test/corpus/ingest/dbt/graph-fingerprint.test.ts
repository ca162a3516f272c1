import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeSyntheticDbtProject } from '../../../../bench/synthetic-dbt.js';
import { runDbtIngest } from '../../../../src/ingestion/dbt.js';
import type { HelixContext } from '../../../../src/app/context.js';
import { corpusPath } from '../../../support/corpus.js';
import { fingerprintGraph as fingerprintOf, helixRecordingFingerprints, recordedFingerprints, sha, stable } from '../../../support/graph-fingerprint.js';
import { resetGraph } from '../../../support/graph.js';

/**
 * The graph a dbt ingestion produces, fingerprinted (every node's labels and properties, every edge with its
 * properties; the writer's timestamps and the ingestion's own bookkeeping nodes left out) and compared with the
 * fingerprints recorded from the ingester before it was made faster: speed-ups must not change what is written.
 * Regenerate (only for an intended change of the graph model) with HELIX_UPDATE_FINGERPRINTS=1.
 */
const expectedFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'graph-fingerprints.json');
const { update, expected, seen, save } = recordedFingerprints<Fingerprint>(expectedFile);

interface Fingerprint {
  nodes: number;
  edges: number;
  graph: string;
  report: string;
}

// The largest corpus manifest (catalog too), one with run results and sources.json, a small jaffle shop, and a
// synthetic project large enough to take the parallel SQL lineage path.
const projects: Array<[string, () => string]> = [
  ['flipside-algorand-models-v7-dbt1.3.3', () => corpusPath('dbt', 'flipside-algorand-models-v7-dbt1.3.3')],
  ['jazzdung-financial-v9-dbt1.5.1', () => corpusPath('dbt', 'jazzdung-financial-v9-dbt1.5.1')],
  ['jaffle-shop-v12-dbt1.10.13', () => corpusPath('dbt', 'jaffle-shop-v12-dbt1.10.13')],
  ['synthetic-400', () => writeSyntheticDbtProject(mkdtempSync(path.join(os.tmpdir(), 'helix-fp-')), 400)],
];

let helix: HelixContext;
helixRecordingFingerprints(save, (h) => (helix = h));

const fingerprintGraph = () => fingerprintOf(helix);

describe.each(projects)('dbt ingestion of %s writes the recorded graph', (name, dir) => {
  it('first ingestion and an unchanged re-ingestion', async () => {
    await resetGraph(helix);
    const source = dir();
    const first = await runDbtIngest(helix.exec, source, { namespace: 'fp' });
    expect(first.status).toBe('completed');
    const graph = await fingerprintGraph();
    // The report's counts and issues, not its timings.
    const report = sha([
      stable(first.write),
      stable(first.stats),
      ...first.issues.map((i) => stable({ ...i, file: i.file ? path.basename(i.file) : undefined })),
    ]);
    const got: Fingerprint = { ...graph, report };
    seen[name] = got;
    if (!update) expect(got).toEqual(expected[name]);

    const again = await runDbtIngest(helix.exec, source, { namespace: 'fp' });
    const { nodes, edges } = again.write;
    expect([nodes.created, nodes.updated, nodes.deleted, edges.created, edges.updated, edges.deleted]).toEqual([0, 0, 0, 0, 0, 0]);
    expect(nodes.unchanged).toBe(first.write.nodes.created + first.write.nodes.updated + first.write.nodes.unchanged);
    expect(edges.unchanged).toBe(first.write.edges.created + first.write.edges.updated + first.write.edges.unchanged);
    expect(again.issues.map((i) => i.code)).toEqual(first.issues.map((i) => i.code));
    expect(await fingerprintGraph()).toEqual(graph);
  });
});

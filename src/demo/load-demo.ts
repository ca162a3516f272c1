import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeGraph } from '../ingestion/writer.js';
import { INGESTERS } from '../ingestion/registry.js';
import type { Executor } from '../db/executor.js';
import { requireQueries } from '../db/registry.js';
import { builtinRules } from '../services/conformance/builtin-rules.js';
import { evaluateConformance } from '../services/conformance/evaluate.js';
import { HelixError } from '../errors.js';
import { projectRoot } from '../project-root.js';

const Q = requireQueries(['meta/get-demo-load', 'meta/record-demo-load'] as const);

/**
 * The demo graph is real artifacts under src/demo/data/, ingested by the real ingesters in dependency order (dbt before the
 * OpenLineage run that reads a dbt model; genes before the proteins and alignments that name them).
 */
export const DEMO_INGESTIONS: ReadonlyArray<{ kind: string; path: string }> = [
  { kind: 'dbt', path: 'jaffle_shop/target' },
  { kind: 'openlineage', path: 'openlineage/daily_load.ndjson' },
  { kind: 'hgnc', path: 'bio/hgnc_pkd1.json' },
  { kind: 'uniprot', path: 'bio/uniprot_p98161.json' },
  { kind: 'annotations', path: 'bio/ClinGen_gene_curation_list_GRCh38.tsv' },
  { kind: 'alignments', path: 'bio/pkd1_variant.needle' },
  { kind: 'nextflow', path: 'workflow/agitated_curie/trace.tsv' },
];

export interface DemoLoad {
  skipped: boolean;
  hash: string;
  /** Nodes created or updated (0 when skipped). */
  nodes: number;
  ms: number;
}

/** Loads the demo unless the graph already holds this very demo (same files, same ingestion code). */
export async function loadDemoGraph(exec: Executor, o: { demoDir?: string; force?: boolean } = {}): Promise<DemoLoad> {
  const began = performance.now();
  const dir = o.demoDir ?? path.join(projectRoot(), 'src', 'demo', 'data');
  const hash = demoHash(dir);
  const [row] = await exec.read(Q['meta/get-demo-load'], {}, { op: 'demo' });
  if (!o.force && row?.hash === hash) return { skipped: true, hash, nodes: 0, ms: Math.round(performance.now() - began) };
  // The demo of earlier versions (namespace helix_demo) was written under its own scope: remove it.
  await writeGraph(exec, { nodes: [], edges: [], issues: [] }, { scope: 'demo:helix_demo', deleteMissing: true, allowMassDelete: true });
  let nodes = 0;
  const ingestions: string[] = [];
  for (const step of DEMO_INGESTIONS) {
    const run = await INGESTERS[step.kind]!.run();
    const report = await run(exec, path.join(dir, step.path), { allowMassDelete: true });
    if (report.status !== 'completed') {
      throw new HelixError('INTERNAL', `demo ingestion ${step.kind} ${step.path} ended ${report.status}: ${report.error ?? ''}`);
    }
    nodes += report.write.nodes.created + report.write.nodes.updated;
    ingestions.push(report.id);
  }
  // Conformance is part of what the demo shows: PII findings (piiInventory, Column.pii) and violations of the
  // built-in rules are computed once the demo graph is in (the evaluation runs refreshPii first).
  await evaluateConformance(exec, { namespace: null, rules: builtinRules() });
  await exec.write(Q['meta/record-demo-load'], { hash, ingestions }, { op: 'demo' });
  return { skipped: false, hash, nodes, ms: Math.round(performance.now() - began) };
}

/** Hash of every demo file and of the ingestion code (compiled or source, whichever runs) that maps them. */
export function demoHash(dir: string): string {
  const h = createHash('sha256');
  const ingestCode = fileURLToPath(new URL('../../ingest', import.meta.url));
  for (const root of [dir, ingestCode]) {
    for (const file of walk(root)) {
      if (file.endsWith('.map')) continue;
      h.update(path.relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
    }
  }
  return h.digest('hex');
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) yield* walk(full);
    else yield full;
  }
}

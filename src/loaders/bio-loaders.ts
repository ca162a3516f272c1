import DataLoader from 'dataloader';
import type { Executor, QueryContext } from '../db/executor.js';
import { requireQueries } from '../db/registry.js';
import { keyedLoader, plainLoader } from './keyed-loader.js';

const Q = requireQueries([
  'bio/get-proteins-by-gene',
  'bio/get-genes-by-protein',
  'bio/get-isoforms-by-protein',
  'bio/get-canonicals-by-protein',
  'bio/get-alignments-by-sequence',
  'bio/get-sequences-by-alignment',
  'bio/get-mutations-by-alignment',
  'bio/get-mutations-by-sequence',
  'bio/get-sequences-by-mutation',
  'bio/get-alignments-by-mutation',
  'bio/get-annotations-by-gene',
  'bio/get-related-by-annotation',
  'bio/get-merge-targets-by-gene',
  'bio/get-coverage-by-source',
] as const);

export interface SourceCoverage {
  genes: number;
  annotations: number;
}

/** Per-request loaders of the bio graph: one batched query per relation and tick, whatever the number of parents. */
export function createBioLoaders(exec: Executor, ctx: QueryContext) {
  const plain = (q: string) => plainLoader(exec, ctx, q);
  return {
    proteinsOfGene: plain(Q['bio/get-proteins-by-gene']),
    genesOfProtein: plain(Q['bio/get-genes-by-protein']),
    isoforms: plain(Q['bio/get-isoforms-by-protein']),
    canonicals: plain(Q['bio/get-canonicals-by-protein']),
    alignmentsOfSequence: plain(Q['bio/get-alignments-by-sequence']),
    sequencesOfAlignment: plain(Q['bio/get-sequences-by-alignment']),
    mutationsOfAlignment: plain(Q['bio/get-mutations-by-alignment']),
    mutationsOfSequence: plain(Q['bio/get-mutations-by-sequence']),
    sequencesOfMutation: plain(Q['bio/get-sequences-by-mutation']),
    alignmentsOfMutation: plain(Q['bio/get-alignments-by-mutation']),
    annotationsOfGene: keyedLoader<{ source: string | null; version: string | null }>(exec, ctx, Q['bio/get-annotations-by-gene']),
    relatedOfAnnotation: plain(Q['bio/get-related-by-annotation']),
    mergeTargets: plain(Q['bio/get-merge-targets-by-gene']),
    coverage: new DataLoader<string, SourceCoverage>(async (urns) => {
      const rows = await exec.read(Q['bio/get-coverage-by-source'], { urns: [...urns] }, ctx);
      const byKey = new Map(rows.map((r) => [String(r.key), { genes: Number(r.genes ?? 0), annotations: Number(r.annotations ?? 0) }]));
      return urns.map((u) => byKey.get(u) ?? { genes: 0, annotations: 0 });
    }),
  };
}

export type BioLoaders = ReturnType<typeof createBioLoaders>;

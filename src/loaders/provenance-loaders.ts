import DataLoader from 'dataloader';
import type { Executor, QueryContext } from '../db/executor.js';
import { requireQueries } from '../db/registry.js';
import { keyedLoader, plainLoader } from './keyed-loader.js';

const Q = requireQueries([
  'runs/get-plans-by-run',
  'runs/get-inputs-by-run',
  'runs/get-outputs-by-run',
  'runs/get-steps-by-run',
  'runs/get-linked-runs-by-run',
  'runs/get-details-by-run',
  'runs/get-runs-by-entity',
  'provenance/get-steps-by-job',
  'provenance/get-runs-by-job',
  'provenance/count-runs-by-job',
  'provenance/get-related-by-job',
  'provenance/get-jobs-by-step',
] as const);

/** Per-request loaders of runs, jobs and what they used and made: one batched query per relation and tick. */
export function createProvenanceLoaders(exec: Executor, ctx: QueryContext) {
  const plain = (q: string) => plainLoader(exec, ctx, q);
  return {
    plansOfRun: plain(Q['runs/get-plans-by-run']),
    inputsOfRun: plain(Q['runs/get-inputs-by-run']),
    outputsOfRun: plain(Q['runs/get-outputs-by-run']),
    stepsOfRun: keyedLoader<{ first: number }>(exec, ctx, Q['runs/get-steps-by-run']),
    linkedRuns: plain(Q['runs/get-linked-runs-by-run']),
    detailsOfRun: plain(Q['runs/get-details-by-run']),
    runsOfEntity: keyedLoader<{ first: number }>(exec, ctx, Q['runs/get-runs-by-entity']),
    stepsOfJob: plain(Q['provenance/get-steps-by-job']),
    runsOfJob: keyedLoader<{ first: number; statuses: string[] | null }>(exec, ctx, Q['provenance/get-runs-by-job']),
    relatedOfJob: plain(Q['provenance/get-related-by-job']),
    jobsOfStep: plain(Q['provenance/get-jobs-by-step']),
    runCount: new DataLoader<string, number>(async (urns) => {
      const rows = await exec.read(Q['provenance/count-runs-by-job'], { urns: [...urns] }, ctx);
      const byKey = new Map(rows.map((r) => [String(r.key), Number(r.runs ?? 0)]));
      return urns.map((u) => byKey.get(u) ?? 0);
    }),
  };
}

export type ProvenanceLoaders = ReturnType<typeof createProvenanceLoaders>;

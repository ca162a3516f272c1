import type { BatchBuilder } from '../common/batch.js';
import { cell } from '../common/missing.js';
import type { Props } from '../core/graph.js';
import { parseTime } from '../common/time.js';

/** Stages of the GenomeAMRAnalyzer pipeline that leave a record of their run. */
const STAGES = {
  'card-coordinates': 'GenomeAMR CARD/RGI coordinate extraction',
  'ncbi-harvest': 'GenomeAMR NCBI genome harvest',
  'protein-extraction': 'GenomeAMR protein extraction',
} as const;

export type GenomeAmrStage = keyof typeof STAGES;

export function genomeAmrJobUrn(stage: GenomeAmrStage): string {
  return `urn:genomeamr:job:${stage}`;
}

export function genomeAmrRunUrn(stage: GenomeAmrStage, runId: string): string {
  return `urn:genomeamr:run:${stage}:${runId}`;
}

export interface PipelineRun {
  stage: GenomeAmrStage;
  runId: string;
  props: Props;
}

/**
 * The Run, its Job and INSTANCE_OF. Added to every batch that has edges to the run (each batch must carry the
 * nodes its edges point at); the same props each time, so repeating it changes nothing.
 */
export function addPipelineRun(b: BatchBuilder, run: PipelineRun): string {
  const job = genomeAmrJobUrn(run.stage);
  const urn = genomeAmrRunUrn(run.stage, run.runId);
  b.node({ urn: job, labels: ['Job'], props: { name: STAGES[run.stage], namespace: 'genomeamr', kind: 'genomeamr' } });
  b.node({ urn, labels: ['Run'], props: { runId: run.runId, kind: 'genomeamr', status: 'completed', ...run.props } });
  b.edge({ type: 'INSTANCE_OF', from: urn, to: job });
  return urn;
}

/** A run timestamp as UTC ISO; the pipeline writes local times without an offset, read as UTC and said once. */
export function runTime(b: BatchBuilder, value: unknown, field: string): string | undefined {
  const text = cell(value);
  const parsed = parseTime(text);
  if (text && !parsed) b.issue('warning', 'BAD_TIMESTAMP', `${field}: "${text}" is not a date-time`);
  else if (parsed?.assumedUtc) b.issue('info', 'TIME_WITHOUT_OFFSET', `${field} ${text} has no UTC offset; read as UTC`);
  return parsed?.iso;
}

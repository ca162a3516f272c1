import path from 'node:path';
import type { StreamedBatch } from '../core/graph.js';
import { BatchBuilder, reportNonStandard, type BioReadOptions, type Fragment } from '../common/batch.js';
import { JsonReadCounter, readTopObject, streamJsonValues } from '../common/json-stream.js';
import { isRecord } from '../common/jsonl.js';
import { cell, num } from '../common/missing.js';
import { portableBasename } from '../common/version.js';
import { fileUrn } from '../common/urns.js';
import { normalizeGenomeAccession } from './genome-hit.js';
import { addPipelineRun, type PipelineRun } from './pipeline-run.js';

type Json = Record<string, unknown>;

const first = (o: Json, ...keys: string[]) => keys.map((k) => cell(o[k])).find((v) => v !== undefined);

function extractionRun(b: BatchBuilder, meta: Json): PipelineRun {
  const stats = isRecord(meta.extraction_stats) ? meta.extraction_stats : {};
  return {
    stage: 'protein-extraction',
    // The extractor writes one file per genome folder (`proteins/<accession>/extraction_metadata.json`).
    runId: path.basename(path.dirname(path.resolve(b.file))),
    props: {
      totalGenomes: num(stats.total_genomes),
      totalGenesRequested: num(stats.total_genes_requested),
      successfulExtractions: num(stats.successful_extractions),
      failedExtractions: num(stats.failed_extractions),
      sequencesGenerated: num(stats.sequences_generated),
    },
  };
}

/** An extraction result as a File the run generated; the field names are guessed (no non-empty sample exists). */
function mapResult(entry: Json, index: number, run: PipelineRun, runUrn: string, f: Fragment): void {
  const genome = normalizeGenomeAccession(first(entry, 'accession', 'genome_accession', 'genome_id'));
  const gene = first(entry, 'gene_name', 'gene');
  const output = first(entry, 'output_file', 'fasta_file', 'protein_file', 'output_path', 'file');
  const name = output ? portableBasename(output) : `${genome ?? 'unknown'}_${gene ?? index}`;
  const urn = fileUrn(`genomeamr/proteins/${run.runId}/${name}`);
  f.node({ urn, labels: ['File'], props: { name, path: output, genomeAccession: genome, geneName: gene, resultJson: JSON.stringify(entry) } });
  f.edge('WAS_GENERATED_BY', urn, runUrn, { role: 'extraction' });
  f.count('extractionResults');
}

function failureText(item: unknown): { text: string; subject?: string } {
  if (!isRecord(item)) return { text: cell(item) ?? JSON.stringify(item) };
  const subject = [first(item, 'accession', 'genome_accession', 'genome_id'), first(item, 'gene_name', 'gene')].filter(Boolean).join(' ') || undefined;
  return { text: `${subject ?? 'extraction'}: ${first(item, 'error', 'reason', 'message') ?? JSON.stringify(item)}`, subject };
}

/**
 * GenomeAMR `extraction_metadata.json` (protein FASTA extraction): a Run per genome folder with the extraction
 * statistics; each result a File it generated, each failure an info issue. Records: the statistics, then each
 * result, then each failure — so even an empty run (all zeros) is one record.
 */
export async function* readGenomeAmrExtractionMetadata(file: string, opts: BioReadOptions = {}): AsyncGenerator<StreamedBatch> {
  const b = new BatchBuilder(file, opts);
  const counter = new JsonReadCounter();
  const top = await readTopObject(file, 'extraction_results', counter);
  if ('error' in top) {
    b.issue('error', 'JSON_UNREADABLE', top.error);
    yield b.finish();
    return;
  }
  const meta: Json = top.value;
  const run = extractionRun(b, meta);
  const runUrn = addPipelineRun(b, run);
  b.consume();
  if (Array.isArray(meta.extraction_results)) {
    for await (const { key, value, error } of streamJsonValues(file, 'extraction_results', counter)) {
      if (key === -1) {
        b.issue('error', 'JSON_UNREADABLE', error ?? 'unreadable JSON');
        continue;
      }
      if (!b.consume()) continue;
      if (error !== undefined) b.issue('error', 'JSON_RECORD_INVALID', error);
      else if (!isRecord(value)) b.issue('error', 'GENOMEAMR_EXTRACTION_INVALID', `extraction result ${String(key)} is not an object`);
      else b.guard(undefined, undefined, (f) => mapResult(value, Number(key), run, runUrn, f));
      if (b.full) {
        yield b.take();
        addPipelineRun(b, run);
      }
    }
  }
  for (const item of Array.isArray(meta.failed_extractions) ? meta.failed_extractions : []) {
    if (!b.consume()) continue;
    const { text, subject } = failureText(item);
    b.issue('info', 'GENOMEAMR_EXTRACTION_FAILED', text, subject ? { subject } : {});
    b.count('failedExtractions');
  }
  reportNonStandard(b, counter);
  yield b.finish();
}

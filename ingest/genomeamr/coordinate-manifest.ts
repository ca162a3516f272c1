import path from 'node:path';
import type { StreamedBatch } from '../core/graph.js';
import { BatchBuilder, reportNonStandard, type BioReadOptions, type Fragment } from '../common/batch.js';
import { JsonReadCounter, readTopObject, streamJsonObject } from '../common/json-stream.js';
import { isRecord } from '../common/jsonl.js';
import { cell, list, num } from '../common/missing.js';
import { portableBasename } from '../common/version.js';
import { genomeUrn, normalizeGenomeAccession } from './genome-hit.js';
import { byColumnKey, mapHitRecord } from './hit-record.js';
import { addPipelineRun, runTime, type PipelineRun } from './pipeline-run.js';

type Json = Record<string, unknown>;

function manifestRun(b: BatchBuilder, m: Json): PipelineRun {
  const endedAt = runTime(b, m.generated_timestamp, 'generated_timestamp');
  const failed = m.failed_accessions;
  return {
    stage: 'card-coordinates',
    // The ISO form: the raw `2025-09-17 22:36:20` has a space, which a urn cannot carry.
    runId: endedAt ?? cell(m.generated_timestamp) ?? path.basename(path.dirname(b.file)),
    props: {
      endedAt,
      manifestVersion: cell(m.manifest_version),
      targetGenes: list(m.target_genes),
      totalProcessedAccessions: num(m.total_processed_accessions),
      successfulAccessions: num(m.successful_accessions),
      failedAccessions: isRecord(failed) ? Object.keys(failed).length : Array.isArray(failed) ? failed.length : num(failed),
    },
  };
}

function mapAccession(key: string, entry: Json, run: string, f: Fragment): void {
  const genome = normalizeGenomeAccession(key);
  if (!genome) throw new Error('accession key is empty');
  const coordinateFile = cell(entry.coordinate_file);
  f.node({ urn: genomeUrn(genome), labels: ['Genome'], props: { accession: genome }, mode: 'reference' });
  f.edge('USED', run, genomeUrn(genome), {
    role: 'genome',
    coordinateFile,
    coordinateFileName: coordinateFile ? portableBasename(coordinateFile) : undefined,
    targetGenesFound: num(entry.target_genes_found),
  });
  const genes = Array.isArray(entry.genes) ? entry.genes : [];
  for (const gene of genes) {
    if (!isRecord(gene)) {
      f.issue('error', 'GENOMEAMR_HIT_INCOMPLETE', `${key}: gene entry is not an object`, { subject: genome });
      continue;
    }
    const hit = mapHitRecord(byColumnKey(gene), { tool: 'card', genome }, f);
    if (hit) f.edge('WAS_GENERATED_BY', hit, run, { role: 'coordinates' });
  }
  f.count('genomes');
}

/**
 * GenomeAMR `coordinate_manifest.json` (CARD/RGI coordinate stage): a Run of the coordinate Job that USED each
 * genome and generated its gene hits (the same GeneHit urns the coordinate CSVs give). Record = one accession.
 */
export async function* readGenomeAmrCoordinateManifest(file: string, opts: BioReadOptions = {}): AsyncGenerator<StreamedBatch> {
  const b = new BatchBuilder(file, opts);
  const counter = new JsonReadCounter();
  const top = await readTopObject(file, 'accessions', counter);
  if ('error' in top) {
    b.issue('error', 'JSON_UNREADABLE', top.error);
    yield b.finish();
    return;
  }
  const meta: Json = top.value;
  const run = manifestRun(b, meta);
  const runUrn = addPipelineRun(b, run);
  if (isRecord(meta.failed_accessions)) {
    for (const [acc, reason] of Object.entries(meta.failed_accessions)) {
      b.issue('warning', 'GENOMEAMR_ACCESSION_FAILED', `${acc}: ${typeof reason === 'string' ? reason : JSON.stringify(reason)}`, { subject: acc });
    }
  }
  for await (const { key, value, error } of streamJsonObject(file, 'accessions', counter)) {
    if (key === -1) {
      b.issue('error', 'JSON_UNREADABLE', error ?? 'unreadable JSON');
      continue;
    }
    if (!b.consume()) continue;
    const subject = String(key);
    if (error !== undefined) b.issue('error', 'JSON_RECORD_INVALID', error, { subject });
    else if (!isRecord(value)) b.issue('error', 'GENOMEAMR_ACCESSION_INVALID', `${subject}: entry is not an object`, { subject });
    else b.guard(undefined, subject, (f) => mapAccession(subject, value, runUrn, f));
    if (b.full) {
      yield b.take();
      addPipelineRun(b, run);
    }
  }
  reportNonStandard(b, counter);
  yield b.finish();
}

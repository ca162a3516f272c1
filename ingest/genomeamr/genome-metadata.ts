import type { StreamedBatch } from '../core/graph.js';
import { BatchBuilder, reportNonStandard, type BioReadOptions, type Fragment } from '../common/batch.js';
import { JsonReadCounter, streamJsonValues } from '../common/json-stream.js';
import { isRecord } from '../common/jsonl.js';
import { cell, isoDate, num } from '../common/missing.js';
import { portableBasename } from '../common/version.js';
import { genomeUrn, normalizeGenomeAccession } from './genome-hit.js';

type Json = Record<string, unknown>;

function mapGenome(entry: Json, f: Fragment): void {
  const accession = normalizeGenomeAccession(entry.genome_accession);
  if (!accession) {
    f.issue('error', 'GENOMEAMR_GENOME_WITHOUT_ACCESSION', 'genome entry without genome_accession skipped', { subject: cell(entry.protein_accession) });
    return;
  }
  const fastaFile = cell(entry.fasta_file);
  f.node({
    urn: genomeUrn(accession),
    labels: ['Genome'],
    props: {
      accession,
      organism: cell(entry.organism),
      assemblyLevel: cell(entry.assembly_level),
      genomeSize: num(entry.genome_size, (bad) => f.issue('warning', 'BAD_NUMBER', `genome_size: "${bad}" is not a number`, { subject: accession })),
      sequenceAccession: cell(entry.protein_accession),
      fastaFile,
      fastaFileName: fastaFile ? portableBasename(fastaFile) : undefined,
      date: isoDate(entry.date),
    },
  });
  f.count('genomes');
}

/**
 * GenomeAMR `genome_metadata.json` (genome download stage): an array of {protein_accession, genome_accession,
 * organism, assembly_level, genome_size, fasta_file, date}; each an owned Genome. Record = one array element.
 */
export async function* readGenomeAmrGenomeMetadata(file: string, opts: BioReadOptions = {}): AsyncGenerator<StreamedBatch> {
  const b = new BatchBuilder(file, opts);
  const counter = new JsonReadCounter();
  for await (const { key, value, error } of streamJsonValues(file, '', counter)) {
    if (key === -1) {
      b.issue('error', 'JSON_UNREADABLE', error ?? 'unreadable JSON');
      continue;
    }
    if (!b.consume()) continue;
    if (error !== undefined) b.issue('error', 'JSON_RECORD_INVALID', error);
    else if (!isRecord(value)) b.issue('error', 'GENOMEAMR_GENOME_INVALID', `element ${String(key)} is not an object`);
    else b.guard(undefined, undefined, (f) => mapGenome(value, f));
    if (b.full) yield b.take();
  }
  reportNonStandard(b, counter);
  yield b.finish();
}

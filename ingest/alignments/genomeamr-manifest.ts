import type { Props, StreamedBatch } from '../core/graph.js';
import { BatchBuilder, reportNonStandard, type BioReadOptions, type Fragment } from '../common/batch.js';
import { JsonReadCounter, readJsonWithout, streamJsonObject } from '../common/json-stream.js';
import { isRecord } from '../common/jsonl.js';
import { cell, num } from '../common/missing.js';
import { portableBasename } from '../common/version.js';
import { addAlignedSequence, alignmentUrn, genomeAmrIds } from './alignment-node.js';

type Json = Record<string, unknown>;

const ALGORITHMS: Record<string, string> = { EMBOSS_WATER: 'water', BIOPYTHON_PAIRWISE: 'biopython-pairwise' };

/** Metric names differ between the documented manifest (`identity_percent`) and the aligner code (`…_percentage`). */
function metric(q: Json, ...keys: string[]): number | undefined {
  for (const k of keys) {
    const n = num(q[k]);
    if (n !== undefined) return n;
  }
  return undefined;
}

function mapAlignment(accession: string, entry: Json, meta: Json, f: Fragment): void {
  const gene = cell(entry.gene_name);
  if (!gene) {
    f.issue('error', 'GENOMEAMR_ALIGNMENT_WITHOUT_GENE', `alignment of ${accession} names no gene`, { subject: accession });
    return;
  }
  const q = isRecord(entry.quality_metrics) ? entry.quality_metrics : {};
  const { queryId, referenceId } = genomeAmrIds(accession, gene);
  const file = portableBasename(cell(entry.alignment_file) ?? `${accession}_${gene}_alignment.water`);
  const urn = alignmentUrn(file, 0, queryId, referenceId);
  const algorithm = cell(q.algorithm_used) ?? cell(entry.alignment_algorithm);
  const props: Props = {
    program: algorithm ? (ALGORITHMS[algorithm.toUpperCase()] ?? algorithm.toLowerCase()) : undefined,
    identityPercent: metric(q, 'identity_percent', 'identity_percentage'),
    similarityPercent: metric(q, 'similarity_percent', 'similarity_percentage'),
    length: metric(q, 'alignment_length'),
    gaps: metric(q, 'gap_count', 'gaps'),
    gapsPercent: metric(q, 'gap_percentage', 'gap_percent'),
    score: metric(q, 'score'),
    normalizedScore: metric(q, 'normalized_score'),
    coverageQuery: metric(q, 'coverage_query'),
    coverageReference: metric(q, 'coverage_reference'),
    queryLength: metric(q, 'query_length'),
    referenceLength: metric(q, 'reference_length'),
    confidenceLevel: cell(q.confidence_level),
    queryChecksum: cell(entry.query_sequence_checksum),
    referenceChecksum: cell(entry.reference_sequence_checksum),
    referenceOrganism: cell(entry.reference_organism),
    referenceSource: cell(entry.reference_source),
    alignedAt: cell(entry.alignment_timestamp),
    genomeAccession: accession,
    geneName: gene,
    queryId,
    referenceId,
    sourceFile: file,
    alignmentIndex: 0,
    manifestVersion: cell(meta.manifest_version),
    alignerVersion: cell(meta.aligner_version),
  };
  // A reference: the alignment report itself (the .water file) owns the node, and owned nodes are replaced as a
  // whole on write; the manifest's metrics land when the report is not ingested.
  f.node({ urn, labels: ['Alignment'], props, mode: 'reference' });
  f.count('alignments');
  const query = addAlignedSequence(f, queryId, { genomeAccession: accession, geneName: gene, checksum: props.queryChecksum });
  const reference = addAlignedSequence(f, referenceId, { geneName: gene, organism: props.referenceOrganism, checksum: props.referenceChecksum });
  f.edge('QUERY', urn, query.urn);
  f.edge('REFERENCE', urn, reference.urn);
}

/**
 * GenomeAMR `alignment_manifest.json` (ProductionWildTypeAligner): one Alignment per listed alignment, with the
 * same urn an EMBOSS reading of its `{accession}_{gene}_alignment.water` file gets; failed accessions are issues.
 * Record = one accession entry.
 */
export async function* readGenomeAmrManifest(file: string, opts: BioReadOptions = {}): AsyncGenerator<StreamedBatch> {
  const b = new BatchBuilder(file, opts);
  const counter = new JsonReadCounter();
  let m: Json = {};
  try {
    const meta = await readJsonWithout(file, 'accessions', counter);
    m = isRecord(meta) ? meta : {};
  } catch (err) {
    b.issue('error', 'JSON_UNREADABLE', `JSON unreadable: ${(err as Error).message}`);
    yield b.finish();
    return;
  }
  const failed = isRecord(m.failed_accessions) ? m.failed_accessions : {};
  for (const [acc, reason] of Object.entries(failed)) {
    b.issue('warning', 'GENOMEAMR_ACCESSION_FAILED', `${acc}: ${typeof reason === 'string' ? reason : JSON.stringify(reason)}`, { subject: acc });
  }
  for await (const { key: k, value, error } of streamJsonObject(file, 'accessions', counter)) {
    const key = String(k);
    if (k === -1) {
      b.issue('error', 'JSON_UNREADABLE', error ?? 'unreadable JSON');
      continue;
    }
    if (!b.consume()) continue;
    if (error !== undefined) b.issue('error', 'JSON_RECORD_INVALID', error, { subject: key });
    else if (!isRecord(value)) b.issue('error', 'GENOMEAMR_ACCESSION_INVALID', `${key}: entry is not an object`, { subject: key });
    else {
      const list = Array.isArray(value.alignments) ? value.alignments : [];
      const failures = num(value.alignment_failures) ?? 0;
      if (failures) b.issue('info', 'GENOMEAMR_ALIGNMENTS_FAILED', `${key}: ${failures} alignment(s) failed`, { subject: key });
      for (const entry of list) {
        if (isRecord(entry)) b.guard(undefined, key, (f) => mapAlignment(key, entry, m, f));
        else b.issue('error', 'GENOMEAMR_ALIGNMENT_INVALID', `${key}: alignment entry is not an object`, { subject: key });
      }
    }
    if (b.full) yield b.take();
  }
  reportNonStandard(b, counter);
  yield b.finish();
}

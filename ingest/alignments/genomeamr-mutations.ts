import type { StreamedBatch } from '../core/graph.js';
import { BatchBuilder, type BioReadOptions, type Fragment } from '../common/batch.js';
import { readTable, type TableRow } from '../common/delimited.js';
import { cell, int, num, PLACEHOLDER_MISSING } from '../common/missing.js';
import { portableBasename } from '../common/version.js';
import { addAlignedSequence, alignmentUrn, genomeAmrIds } from './alignment-node.js';
import { addMutation, type MutationType } from './mutations.js';

const TYPES: Record<string, MutationType> = {
  substitution: 'substitution', snp: 'substitution', snv: 'substitution', missense: 'substitution', point: 'substitution', nonsense: 'substitution',
  insertion: 'insertion', ins: 'insertion', deletion: 'deletion', del: 'deletion',
};

/** `{pipeline_id}_mutations.csv` → the pipeline id. */
function pipelineId(file: string): string | undefined {
  return /^(.+)_mutations\.csv$/i.exec(portableBasename(file))?.[1];
}

function residue(value: string | undefined): string {
  const c = cell(value, PLACEHOLDER_MISSING);
  return c ? c.toUpperCase() : '';
}

function mapRow(row: TableRow, file: string, f: Fragment): void {
  const v = row.values;
  const accession = cell(v.accession) ?? cell(v.genome_id) ?? cell(v.genome_accession);
  const gene = cell(v.gene_name) ?? cell(v.gene);
  const position = int(v.position, (bad) => f.issue('warning', 'BAD_NUMBER', `position: "${bad}" is not an integer`));
  if (!accession || !gene || position === undefined) {
    f.issue('error', 'GENOMEAMR_MUTATION_INCOMPLETE', 'mutation row needs accession, gene_name and position');
    return;
  }
  const ref = residue(v.reference_aa ?? v.ref_aa);
  const alt = residue(v.variant_aa ?? v.alt_aa ?? v.mutant_aa);
  const rawType = cell(v.mutation_type)?.toLowerCase();
  let mutationType: MutationType = rawType ? TYPES[rawType] ?? 'substitution' : !ref ? 'insertion' : !alt ? 'deletion' : 'substitution';
  if (rawType && !TYPES[rawType]) {
    f.issue('warning', 'GENOMEAMR_MUTATION_TYPE', `unknown mutation_type "${rawType}", read as ${mutationType}`);
    mutationType = !ref ? 'insertion' : !alt ? 'deletion' : 'substitution';
  }
  const { queryId, referenceId } = genomeAmrIds(accession, gene);
  const alignment = alignmentUrn(`${accession}_${gene}_alignment.water`, 0, queryId, referenceId);
  const reference = addAlignedSequence(f, referenceId, { geneName: gene });
  const confidence = num(v.confidence_score ?? v.confidence, (bad) => f.issue('warning', 'BAD_NUMBER', `confidence_score: "${bad}" is not a number`));
  const significance = cell(v.clinical_significance ?? v.significance);
  const urn = addMutation(f, { targetUrn: reference.urn, position, referenceResidue: ref, variantResidue: alt, mutationType, significance, confidence, extra: { geneName: gene } });
  f.node({
    urn: alignment,
    labels: ['Alignment'],
    props: { queryId, referenceId, genomeAccession: accession, geneName: gene, sourceFile: `${accession}_${gene}_alignment.water`, alignmentIndex: 0 },
    mode: 'reference',
  });
  f.edge('REVEALS', alignment, urn, {
    genomeAccession: accession,
    pipelineId: pipelineId(file),
    significance,
    confidence,
    rowJson: JSON.stringify(v),
  });
}

/**
 * GenomeAMR mutation calls `{pipeline_id}_mutations.csv` (accession, gene_name, position, reference_aa, variant_aa,
 * mutation_type, clinical_significance, confidence_score, …). Each row: Mutation on the gene's wild-type reference,
 * revealed by the alignment `{accession}_{gene}_alignment.water` (same urn as its EMBOSS/manifest reading).
 * Record = one row.
 */
export async function* readGenomeAmrMutations(file: string, opts: BioReadOptions = {}): AsyncGenerator<StreamedBatch> {
  const b = new BatchBuilder(file, opts);
  const rows = readTable(file, { delimiter: ',', onIssue: (severity, code, message, line) => b.issue(severity, code, message, { line }) });
  for await (const row of rows) {
    if (!b.consume()) continue;
    b.guard(row.line, undefined, (f) => mapRow(row, file, f));
    if (b.full) yield b.take();
  }
  yield b.finish();
}

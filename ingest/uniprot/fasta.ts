import type { StreamedBatch } from '../core/graph.js';
import { BatchBuilder, type BioReadOptions, type Fragment } from '../common/batch.js';
import { geneReferenceNode, HUMAN_TAXON, resolveGene } from '../common/bio/gene-ref.js';
import { checksums, cleanSequence } from '../common/bio/sequence.js';
import { addIsoformLink } from '../common/bio/sequence-ref.js';
import { readLines } from '../common/text-stream.js';
import { parseFastaHeader } from './fasta-header.js';

interface FastaRecord {
  line: number;
  header: string;
  chunks: string[];
}

function mapRecord(rec: FastaRecord, f: Fragment, opts: BioReadOptions): void {
  const h = parseFastaHeader(rec.header);
  const { sequence, invalid } = cleanSequence(rec.chunks.join(''));
  const subject = h.ref.urn;
  if (invalid.length) f.issue('warning', 'SEQUENCE_INVALID_CHARACTERS', `removed characters ${JSON.stringify(invalid.join(''))}`, { subject });
  if (!sequence) f.issue('warning', 'FASTA_EMPTY_SEQUENCE', `record ${h.props.fastaId as string} has no residues`, { subject });
  const props = { ...h.ref.props, ...h.props, ...(sequence ? { sequence, length: sequence.length, ...checksums(sequence) } : {}) };
  f.node({ urn: h.ref.urn, labels: [h.ref.label], props });
  f.count(h.ref.label === 'Protein' ? 'proteins' : 'sequences');
  addIsoformLink(f, h.ref);
  if (!h.geneNames.length || h.ref.label !== 'Protein') return;
  if (h.unknownOrganism) {
    f.issue('info', 'GENE_TAXON_UNKNOWN', `no taxon for organism "${h.unknownOrganism}": gene ${h.geneNames.join(',')} not linked`, { subject });
    return;
  }
  for (const symbol of h.geneNames) {
    const ref = resolveGene(
      { symbol, taxonId: h.taxonId ?? opts.taxonId ?? HUMAN_TAXON },
      { index: opts.geneIndex, symbolFallbackOnly: true },
    );
    if (!ref) continue;
    f.node(geneReferenceNode(ref));
    f.edge('ENCODES', ref.urn, h.ref.urn);
  }
}

/**
 * Protein FASTA (UniProt and NCBI headers; blank lines, lower case and trailing `*` tolerated). Record = one
 * sequence; memory is bounded by the longest sequence.
 */
export async function* readProteinFasta(file: string, opts: BioReadOptions = {}): AsyncGenerator<StreamedBatch> {
  const b = new BatchBuilder(file, opts);
  let current: FastaRecord | undefined;
  let orphanLines = 0;
  const close = (rec: FastaRecord) => {
    if (b.consume()) b.guard(rec.line, rec.header, (f) => mapRecord(rec, f, opts));
  };
  for await (const { line, text } of readLines(file)) {
    if (text.startsWith('>')) {
      if (current) close(current);
      current = { line, header: text.slice(1), chunks: [] };
      if (b.full) yield b.take();
    } else if (text.startsWith(';') || text.trim() === '') {
      continue;
    } else if (current) {
      current.chunks.push(text);
    } else if (orphanLines++ === 0) {
      b.issue('error', 'FASTA_DATA_BEFORE_HEADER', 'sequence data before the first ">" header is ignored', { line });
    }
  }
  if (current) close(current);
  if (orphanLines > 1) b.count('orphanLines', orphanLines);
  yield b.finish();
}

import type { Props } from '../core/graph.js';
import type { Fragment } from '../common/batch.js';
import { geneReferenceNode, resolveGene } from '../common/bio/gene-ref.js';
import { parseUniprotAccession } from '../common/bio/ids.js';
import { isRecord } from '../common/jsonl.js';
import { cell, num } from '../common/missing.js';
import { crc64, md5Upper, sha256Hex } from '../common/bio/sequence.js';
import { addIsoformLink } from '../common/bio/sequence-ref.js';
import { mapUniprotEntry, type ProteinMapOptions } from './uniprot-entry.js';

type Json = Record<string, unknown>;
const arr = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isRecord) : []);

/** The UniParc cross-reference that describes `accession` itself (its gene, name and organism). */
function describingXref(uniparc: Json, accession: string): Json | undefined {
  const refs = arr(uniparc.uniParcCrossReferences).filter((x) => String(x.database ?? '').startsWith('UniProtKB'));
  return refs.find((x) => x.id === accession) ?? refs.find((x) => x.active === true);
}

/** `from` (a UniProt accession, usually an isoform) mapped to its UniParc record: the Protein with that sequence. */
function mapToUniparc(from: string, uniparc: Json, f: Fragment, o: ProteinMapOptions): void {
  const acc = parseUniprotAccession(from)!;
  const seq = isRecord(uniparc.sequence) ? uniparc.sequence : {};
  const value = typeof seq.value === 'string' ? seq.value : undefined;
  const xref = describingXref(uniparc, acc.accession) ?? {};
  const organism = isRecord(xref.organism) ? xref.organism : {};
  const geneName = cell(xref.geneName);
  const props: Props = {
    accession: acc.accession,
    uniparcId: cell(uniparc.uniParcId),
    proteinName: cell(xref.proteinName),
    geneNames: geneName ? [geneName] : [],
    organism: cell(organism.scientificName),
    taxonId: num(organism.taxonId),
    length: num(seq.length) ?? value?.length,
    sequence: value,
    sequenceMd5: cell(seq.md5) ?? (value ? md5Upper(value) : undefined),
    crc64: cell(seq.crc64) ?? (value ? crc64(value) : undefined),
    sha256: value ? sha256Hex(value) : undefined,
    reviewed: typeof xref.database === 'string' ? xref.database.includes('Swiss-Prot') : undefined,
  };
  f.node({ urn: acc.accession, labels: ['Protein'], props });
  f.count('proteins');
  addIsoformLink(f, { urn: acc.accession, label: 'Protein', props, ...(acc.isoform ? { canonical: acc.canonical } : {}) });
  if (geneName) {
    const taxon = props.taxonId !== undefined ? String(props.taxonId) : o.defaultTaxon;
    const ref = resolveGene({ symbol: geneName, taxonId: taxon }, { index: o.geneIndex, symbolFallbackOnly: true });
    if (ref) {
      f.node(geneReferenceNode(ref));
      f.edge('ENCODES', ref.urn, acc.accession);
    }
  }
}

/**
 * One UniProt ID-mapping result `{from, to}`. `to` a UniParc record → the `from` accession as Protein with the
 * UniParc sequence (isoforms keep their own urn and ISOFORM_OF their canonical entry); `to` a UniProtKB entry →
 * that entry; anything else (plain id strings, other databases) is rejected with an issue.
 */
export function mapIdMappingResult(item: Json, f: Fragment, o: ProteinMapOptions = {}): void {
  const from = cell(item.from);
  const to = item.to;
  if (isRecord(to) && to.primaryAccession !== undefined) {
    mapUniprotEntry(to, f, o);
    return;
  }
  if (isRecord(to) && to.uniParcId !== undefined && from && parseUniprotAccession(from)) {
    mapToUniparc(from, to, f, o);
    return;
  }
  f.issue('warning', 'UNIPROT_IDMAPPING_UNSUPPORTED', `mapping ${from ?? '?'} → ${JSON.stringify(to)?.slice(0, 60)} is not a UniProt/UniParc record`, {
    ...(from ? { subject: from } : {}),
  });
  f.count('rejected');
}

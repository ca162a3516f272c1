import type { Props } from '../core/graph.js';
import type { Fragment } from '../bio/batch.js';
import type { GeneIdIndex } from '../bio/gene-index.js';
import { geneReferenceNode, resolveGene } from '../bio/gene-ref.js';
import { normalizeEntrezId, normalizeHgncId, parseEnsemblId, parseUniprotAccession } from '../bio/ids.js';
import { isRecord } from '../bio/jsonl.js';
import { cell, num } from '../bio/missing.js';
import { crc64, md5Upper, sha256Hex } from '../bio/sequence.js';
import { addIsoformLink } from '../bio/sequence-ref.js';

export interface ProteinMapOptions {
  geneIndex?: GeneIdIndex;
  defaultTaxon?: string;
}

type Json = Record<string, unknown>;

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): Json => (isRecord(v) ? v : {});
const text = (v: unknown): string | undefined => cell(obj(v).value);

function crossRefs(entry: Json, database: string): Json[] {
  return arr(entry.uniProtKBCrossReferences).map(obj).filter((x) => x.database === database);
}

function propertyValue(xref: Json, key: string): string | undefined {
  const p = arr(xref.properties).map(obj).find((x) => x.key === key);
  return p ? cell(p.value) : undefined;
}

function proteinName(entry: Json): string | undefined {
  const d = obj(entry.proteinDescription);
  return text(obj(d.recommendedName).fullName) ?? text(obj(arr(d.submissionNames).map(obj)[0]).fullName);
}

/** Everything a UniProtKB entry says about the protein itself (sequence stored: alignments need it). */
function entryProps(entry: Json, accession: string): Props {
  const organism = obj(entry.organism);
  const seq = obj(entry.sequence);
  const value = typeof seq.value === 'string' ? seq.value : undefined;
  const audit = obj(entry.entryAudit);
  const entryType = cell(entry.entryType);
  return {
    accession,
    entryName: cell(entry.uniProtkbId),
    entryType,
    reviewed: entryType ? /reviewed/i.test(entryType) && !/unreviewed/i.test(entryType) : undefined,
    proteinName: proteinName(entry),
    geneNames: arr(entry.genes).map((g) => text(obj(g).geneName)).filter((g): g is string => !!g),
    organism: cell(organism.scientificName),
    taxonId: num(organism.taxonId),
    length: num(seq.length) ?? value?.length,
    molWeight: num(seq.molWeight),
    sequence: value,
    sequenceMd5: cell(seq.md5) ?? (value ? md5Upper(value) : undefined),
    crc64: cell(seq.crc64) ?? (value ? crc64(value) : undefined),
    sha256: value ? sha256Hex(value) : undefined,
    secondaryAccessions: arr(entry.secondaryAccessions).map((a) => cell(a)).filter((a): a is string => !!a),
    proteinExistence: cell(entry.proteinExistence),
    annotationScore: num(entry.annotationScore),
    entryVersion: num(audit.entryVersion),
    sequenceVersion: num(audit.sequenceVersion),
    firstPublicDate: cell(audit.firstPublicDate),
    lastAnnotationUpdateDate: cell(audit.lastAnnotationUpdateDate),
    lastSequenceUpdateDate: cell(audit.lastSequenceUpdateDate),
    keywords: arr(entry.keywords).map((k) => cell(obj(k).name)).filter((k): k is string => !!k),
    hgncIds: crossRefs(entry, 'HGNC').map((x) => normalizeHgncId(x.id)).filter((x): x is string => !!x),
    ensemblGeneIds: [
      ...new Set(
        crossRefs(entry, 'Ensembl')
          .map((x) => parseEnsemblId(propertyValue(x, 'GeneId'))?.id)
          .filter((x): x is string => !!x),
      ),
    ],
    entrezIds: crossRefs(entry, 'GeneID').map((x) => normalizeEntrezId(x.id)).filter((x): x is string => !!x),
    featureCount: arr(entry.features).length,
    crossReferenceCount: arr(entry.uniProtKBCrossReferences).length,
  };
}

/** (Gene)-[:ENCODES]->(Protein): HGNC urn from the entry's HGNC cross-references, else the gene-name fallback. */
function encodingGenes(entry: Json, urn: string, props: Props, f: Fragment, o: ProteinMapOptions): void {
  const hgncXrefs = crossRefs(entry, 'HGNC');
  if (hgncXrefs.length) {
    for (const x of hgncXrefs) {
      const ref = resolveGene({ hgncId: x.id, symbol: propertyValue(x, 'GeneName') });
      if (!ref) continue;
      f.node(geneReferenceNode(ref));
      f.edge('ENCODES', ref.urn, urn);
    }
    return;
  }
  const taxon = props.taxonId !== undefined ? String(props.taxonId) : o.defaultTaxon;
  for (const symbol of props.geneNames as string[]) {
    const ref = resolveGene({ symbol, taxonId: taxon }, { index: o.geneIndex, symbolFallbackOnly: true });
    if (!ref) continue;
    f.node(geneReferenceNode(ref));
    f.edge('ENCODES', ref.urn, urn);
  }
}

/** Isoforms listed under ALTERNATIVE PRODUCTS: each its own Protein (reference) with ISOFORM_OF the entry. */
function isoforms(entry: Json, canonical: string, f: Fragment): void {
  for (const comment of arr(entry.comments).map(obj)) {
    if (comment.commentType !== 'ALTERNATIVE PRODUCTS') continue;
    for (const iso of arr(comment.isoforms).map(obj)) {
      for (const id of arr(iso.isoformIds)) {
        const acc = parseUniprotAccession(id);
        if (!acc?.isoform || acc.canonical !== canonical) continue;
        const status = cell(iso.isoformSequenceStatus);
        f.node({
          urn: acc.accession,
          labels: ['Protein'],
          props: { accession: acc.accession, isoformName: text(iso.name), isoformSequenceStatus: status, displayed: status === 'Displayed' },
          mode: 'reference',
        });
        f.edge('ISOFORM_OF', acc.accession, canonical);
        f.count('isoforms');
      }
    }
  }
}

/** One UniProtKB entry (rest.uniprot.org JSON) → owned Protein (urn = accession), its isoforms and genes. */
export function mapUniprotEntry(entry: Json, f: Fragment, o: ProteinMapOptions = {}): void {
  const acc = parseUniprotAccession(entry.primaryAccession);
  if (!acc) {
    f.issue('error', 'BAD_UNIPROT_ACCESSION', `entry without a valid primaryAccession (${String(entry.primaryAccession)})`);
    return;
  }
  const props = entryProps(entry, acc.accession);
  if (/inactive/i.test(String(props.entryType ?? ''))) {
    props.inactive = true;
    f.issue('info', 'UNIPROT_INACTIVE_ENTRY', `entry ${acc.accession} is inactive (no sequence)`, { subject: acc.accession });
  } else if (!props.sequence) {
    f.issue('warning', 'UNIPROT_NO_SEQUENCE', `entry ${acc.accession} has no sequence`, { subject: acc.accession });
  }
  if (typeof props.sequence === 'string' && props.length !== props.sequence.length) {
    f.issue('warning', 'SEQUENCE_LENGTH_MISMATCH', `length ${String(props.length)} but ${props.sequence.length} residues`, {
      subject: acc.accession,
    });
  }
  f.node({ urn: acc.accession, labels: ['Protein'], props });
  f.count('proteins');
  addIsoformLink(f, { urn: acc.accession, label: 'Protein', props, ...(acc.isoform ? { canonical: acc.canonical } : {}) });
  encodingGenes(entry, acc.accession, props, f, o);
  isoforms(entry, acc.accession, f);
}

import type { Props } from '../core/graph.js';
import type { Fragment } from '../common/batch.js';
import type { GeneIdIndex } from '../common/bio/gene-index.js';
import { geneReferenceNode, resolveGene } from '../common/bio/gene-ref.js';
import { parseUniprotAccession, type UniprotAccession } from '../common/bio/ids.js';
import { crc64, md5Upper, sha256Hex } from '../common/bio/sequence.js';
import { addIsoformLink } from '../common/bio/sequence-ref.js';

export interface ProteinMapOptions {
  geneIndex?: GeneIdIndex;
  defaultTaxon?: string;
}

/** An HGNC cross-reference of an entry; ENCODES uses these whenever an entry has any. */
export interface HgncXref {
  id: unknown;
  symbol?: string;
}

/** An isoform listed under ALTERNATIVE PRODUCTS. */
export interface ListedIsoform {
  ids: unknown[];
  name?: string;
  /** `Displayed`, `Described`, `External`, `Not described` (the JSON spelling). */
  status?: string;
}

/**
 * One UniProtKB entry in the JSON mapping's terms, whatever it was read from (JSON, TSV, XML). `props` uses the
 * JSON property names; a format leaves out what it does not carry, so the formats agree wherever they overlap.
 */
export interface UniprotProtein {
  acc: UniprotAccession;
  props: Props;
  hgncXrefs: HgncXref[];
  isoforms: ListedIsoform[];
  /** Whether a missing sequence is worth a warning (a TSV download without the Sequence column is not). */
  expectSequence: boolean;
}

export interface PublishedSequence {
  length?: number;
  md5?: string;
  crc64?: string;
}

/** The sequence and its checksums: UniProt's published values where given, else computed from the residues. */
export function sequenceProps(value: string | undefined, published: PublishedSequence = {}): Props {
  return {
    length: published.length ?? value?.length,
    sequence: value,
    sequenceMd5: published.md5 ?? (value ? md5Upper(value) : undefined),
    crc64: published.crc64 ?? (value ? crc64(value) : undefined),
    sha256: value ? sha256Hex(value) : undefined,
  };
}

export const SWISS_PROT = 'UniProtKB reviewed (Swiss-Prot)';
export const TREMBL = 'UniProtKB unreviewed (TrEMBL)';

/** TSV `reviewed` / XML `Swiss-Prot` say what JSON spells as entryType. */
export function entryTypeProps(reviewed: boolean | undefined): Props {
  return reviewed === undefined ? {} : { entryType: reviewed ? SWISS_PROT : TREMBL, reviewed };
}

const EXISTENCE = [
  'Evidence at protein level',
  'Evidence at transcript level',
  'Inferred from homology',
  'Predicted',
  'Uncertain',
];

/** `evidence at protein level` (XML), `Evidence at protein level` (TSV) → `1: Evidence at protein level` (JSON). */
export function proteinExistenceLabel(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const bare = text.replace(/^\d:\s*/, '').trim().toLowerCase();
  const level = EXISTENCE.findIndex((e) => e.toLowerCase() === bare);
  return level < 0 ? text : `${level + 1}: ${EXISTENCE[level]}`;
}

function linkGenes(p: UniprotProtein, o: ProteinMapOptions, f: Fragment): void {
  const urn = p.acc.accession;
  if (p.hgncXrefs.length) {
    for (const x of p.hgncXrefs) {
      const ref = resolveGene({ hgncId: x.id, symbol: x.symbol });
      if (!ref) continue;
      f.node(geneReferenceNode(ref));
      f.edge('ENCODES', ref.urn, urn);
    }
    return;
  }
  const taxon = p.props.taxonId !== undefined ? String(p.props.taxonId) : o.defaultTaxon;
  for (const symbol of (p.props.geneNames as string[] | undefined) ?? []) {
    const ref = resolveGene({ symbol, taxonId: taxon }, { index: o.geneIndex, symbolFallbackOnly: true });
    if (!ref) continue;
    f.node(geneReferenceNode(ref));
    f.edge('ENCODES', ref.urn, urn);
  }
}

/** Listed isoforms of this entry: each its own Protein (reference) with ISOFORM_OF the entry. */
function linkIsoforms(p: UniprotProtein, f: Fragment): void {
  const canonical = p.acc.accession;
  for (const iso of p.isoforms) {
    for (const id of iso.ids) {
      const acc = parseUniprotAccession(id);
      if (!acc?.isoform || acc.canonical !== canonical) continue;
      f.node({
        urn: acc.accession,
        labels: ['Protein'],
        props: { accession: acc.accession, isoformName: iso.name, isoformSequenceStatus: iso.status, displayed: iso.status === 'Displayed' },
        mode: 'reference',
      });
      f.edge('ISOFORM_OF', acc.accession, canonical);
      f.count('isoforms');
    }
  }
}

/** The owned Protein (urn = accession), its canonical entry when it is an isoform, its genes and listed isoforms. */
export function emitUniprotProtein(p: UniprotProtein, f: Fragment, o: ProteinMapOptions = {}): void {
  const { acc, props } = p;
  const subject = acc.accession;
  if (/inactive/i.test(String(props.entryType ?? ''))) {
    props.inactive = true;
    f.issue('info', 'UNIPROT_INACTIVE_ENTRY', `entry ${subject} is inactive (no sequence)`, { subject });
  } else if (!props.sequence && p.expectSequence) {
    f.issue('warning', 'UNIPROT_NO_SEQUENCE', `entry ${subject} has no sequence`, { subject });
  }
  if (typeof props.sequence === 'string' && props.length !== props.sequence.length) {
    f.issue('warning', 'SEQUENCE_LENGTH_MISMATCH', `length ${String(props.length)} but ${props.sequence.length} residues`, { subject });
  }
  f.node({ urn: subject, labels: ['Protein'], props });
  f.count('proteins');
  addIsoformLink(f, { urn: subject, label: 'Protein', props, ...(acc.isoform ? { canonical: acc.canonical } : {}) });
  linkGenes(p, o, f);
  linkIsoforms(p, f);
}

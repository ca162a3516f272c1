import type { Props } from '../../core/graph.js';
import type { Fragment } from '../batch.js';
import { parseUniprotAccession } from './ids.js';

/** The Protein or Sequence node a sequence identifier stands for. */
export interface SequenceRef {
  urn: string;
  label: 'Protein' | 'Sequence';
  props: Props;
  /** For a UniProt isoform (`P12345-2`): the canonical accession. */
  canonical?: string;
}

/** NCBI FASTA-id databases and how many `|` fields follow the tag. */
const NCBI_FIELDS: Record<string, number> = {
  gi: 1, ref: 2, gb: 2, emb: 2, dbj: 2, sp: 2, tr: 2, pdb: 2, prf: 2, pir: 2, gnl: 2, lcl: 1, bbs: 1,
  pat: 3, tpg: 2, tpe: 2, tpd: 2, gpp: 2, nat: 2,
};

/** Database tags as they appear in sequence urns. */
// GenBank, EMBL and DDBJ share one accession space (INSDC): one urn namespace for the three.
const DB_NAMES: Record<string, string> = { ref: 'refseq', gb: 'genbank', emb: 'genbank', dbj: 'genbank', lcl: 'local' };
const PREFERENCE = ['ref', 'gb', 'emb', 'dbj', 'tpg', 'tpe', 'tpd', 'pdb', 'prf', 'pir', 'pat', 'gpp', 'nat', 'bbs', 'gnl', 'lcl', 'gi'];

const REFSEQ = /^(?:[ANXYWZ]P|N[MRCGTWZ]|X[MR]|NC|AC)_\d+(?:\.\d+)?$/;
const GENBANK_PROTEIN = /^[A-Z]{3}\d{5,7}\.\d+$/;

function protein(rawAccession: string, extra: Props = {}): SequenceRef | undefined {
  const acc = parseUniprotAccession(rawAccession);
  if (!acc) return undefined;
  const props: Props = { accession: acc.accession, ...extra };
  if (acc.sequenceVersion) props.sequenceVersion = Number(acc.sequenceVersion);
  return { urn: acc.accession, label: 'Protein', props, ...(acc.isoform ? { canonical: acc.canonical } : {}) };
}

function sequence(db: string, id: string, extra: Props = {}): SequenceRef {
  return { urn: `urn:sequence:${db}:${id}`, label: 'Sequence', props: { db, accession: id, ...extra } };
}

/** `gi|57163783|ref|NP_001009242.1|`, `sp|P08100|OPSD_HUMAN`, `gi|223523|prf||0811197A`, `pdb|2R2J|A`. */
function fromPipes(id: string): SequenceRef | undefined {
  const tokens = id.split('|');
  const fields = new Map<string, string[]>();
  let i = 0;
  while (i < tokens.length) {
    const tag = tokens[i]!.toLowerCase();
    const width = NCBI_FIELDS[tag];
    if (width === undefined) return undefined;
    fields.set(tag, tokens.slice(i + 1, i + 1 + width));
    i += 1 + width;
    if (i === tokens.length - 1 && tokens[i] === '') break;
  }
  const gi = fields.get('gi')?.[0];
  const extra: Props = gi ? { giNumber: gi } : {};
  for (const tag of ['sp', 'tr']) {
    const f = fields.get(tag);
    if (f?.[0]) {
      const ref = protein(f[0], { ...extra, entryName: f[1] || undefined, reviewed: tag === 'sp' });
      if (ref) return ref;
    }
  }
  for (const tag of PREFERENCE) {
    const f = fields.get(tag);
    if (!f) continue;
    if (tag === 'pdb' && f[0]) return sequence('pdb', f[1] ? `${f[0]}_${f[1]}` : f[0], extra);
    if (tag === 'gnl' && f[0] && f[1]) return sequence(`gnl:${f[0]}`, f[1], extra);
    const accession = f[0] || f[1];
    if (accession) return sequence(DB_NAMES[tag] ?? tag, accession, f[0] && f[1] ? { ...extra, name: f[1] } : extra);
  }
  return undefined;
}

/** GenomeAMR extracted-protein header: `accession|gene|start-end|strand|contig|checksum`. */
function fromGenomeAmrHeader(id: string): SequenceRef | undefined {
  const t = id.split('|');
  if (t.length !== 6 || !/^\d+-\d+$/.test(t[2]!) || !/^[+-]$/.test(t[3]!)) return undefined;
  const [start, end] = t[2]!.split('-').map(Number);
  return sequence('local', `${t[0]}_${t[1]}`, {
    genomeAccession: t[0], geneName: t[1], start, end, strand: t[3], contig: t[4], checksum: t[5],
  });
}

/**
 * The node a sequence id names: UniProt accessions (bare, `sp|…|`, `tr|…|`, inside NCBI ids) → Protein with
 * urn = accession; RefSeq / GenBank / PDB / other NCBI ids → Sequence `urn:sequence:<db>:<id>`; anything else →
 * Sequence `urn:sequence:local:<id>`.
 */
export function sequenceRefFromId(raw: string): SequenceRef {
  const id = raw.trim().split(/\s+/)[0] ?? '';
  if (id.includes('|')) {
    const ref = fromGenomeAmrHeader(id) ?? fromPipes(id);
    if (ref) return ref;
    return sequence('local', id);
  }
  const uniprot = protein(id);
  if (uniprot) return uniprot;
  if (REFSEQ.test(id)) return sequence('refseq', id);
  if (GENBANK_PROTEIN.test(id)) return sequence('genbank', id);
  return sequence('local', id);
}

/** Add a sequence this artifact only names: the reference node, and for an isoform its canonical Protein. */
export function addSequenceReference(f: Fragment, ref: SequenceRef, extra: Props = {}): void {
  f.node({ urn: ref.urn, labels: [ref.label], props: { ...ref.props, ...extra }, mode: 'reference' });
  addIsoformLink(f, ref);
}

export function addIsoformLink(f: Fragment, ref: SequenceRef): void {
  if (!ref.canonical) return;
  f.node({ urn: ref.canonical, labels: ['Protein'], props: { accession: ref.canonical }, mode: 'reference' });
  f.edge('ISOFORM_OF', ref.urn, ref.canonical);
}

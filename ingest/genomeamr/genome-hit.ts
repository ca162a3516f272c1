import type { Fragment } from '../common/batch.js';
import { cell } from '../common/missing.js';
import { portableBasename } from '../common/version.js';
import type { Props } from '../core/graph.js';

/**
 * Genomes and AMR gene hits of the GenomeAMRAnalyzer pipeline. Every file of the pipeline that names a hit (CARD
 * coordinate CSVs, RGI output, the summary, the coordinate manifest, ABRicate) builds the same urns, so one hit is one
 * node whose properties accumulate across files.
 */

/** The pipeline names genomes `<accession>_genome` in some files and `<accession>` in others. */
export function normalizeGenomeAccession(value: unknown): string | undefined {
  const text = cell(value);
  if (text === undefined) return undefined;
  const acc = text.replace(/_genome$/i, '');
  return acc || undefined;
}

const SEQUENCE_FILE = /\.(fasta|fa|fna|faa|ffn|fas|gbk|gb|gbff|embl)(\.gz)?$/i;

/** ABRicate's FILE column: `/data/E_coli_K12.fasta` → `E_coli_K12`. */
export function genomeFromSequenceFile(value: unknown): string | undefined {
  const text = cell(value);
  return text === undefined ? undefined : normalizeGenomeAccession(portableBasename(text).replace(SEQUENCE_FILE, ''));
}

const ACCESSION_LIKE = /^[A-Za-z]+_?[A-Za-z]*\d+(\.\d+)?$/;

/** The accession a per-genome file is named after: `GCF_000005825.2_rgi.txt`, `GCF_000005825.2.txt` → `GCF_000005825.2`. */
export function genomeFromFileName(file: string): string | undefined {
  const stem = portableBasename(file)
    .replace(/(\.gz)?$/i, '')
    .replace(/\.(txt|tsv|csv|tab)$/i, '')
    .replace(/_(rgi|card|coordinates|abricate\w*)$/i, '');
  const acc = normalizeGenomeAccession(stem);
  return acc && ACCESSION_LIKE.test(acc) ? acc : undefined;
}

export function genomeUrn(accession: string): string {
  return `urn:genome:${accession}`;
}

export function geneHitUrn(genome: string, contig: string, start: number, end: number, gene: string): string {
  return `urn:gene-hit:${genome}:${contig}:${start}-${end}:${gene}`;
}

/** `ARO:3000001`, `3000001`, `aro:3000001` → `ARO:3000001`; names (RGI's Best_Hit_ARO in real output) → undefined. */
export function normalizeAroId(value: unknown): string | undefined {
  const m = /^(?:ARO:)?(\d{5,})$/i.exec(cell(value) ?? '');
  return m ? `ARO:${m[1]}` : undefined;
}

export interface GeneHit {
  genome: string;
  contig: string;
  start: number;
  end: number;
  gene: string;
  aroId?: string;
  aroName?: string;
  /** Everything else the file says about the hit (gene, contig, start, end are added). */
  props: Props;
}

/** The owned GeneHit, its Genome and ARO term as references, IN_GENOME and MATCHES; returns the hit's urn. */
export function addGeneHit(f: Fragment, hit: GeneHit): string {
  const urn = geneHitUrn(hit.genome, hit.contig, hit.start, hit.end, hit.gene);
  const genome = genomeUrn(hit.genome);
  f.node({
    urn,
    labels: ['GeneHit'],
    props: { gene: hit.gene, contig: hit.contig, start: hit.start, end: hit.end, genomeAccession: hit.genome, aroId: hit.aroId, aroName: hit.aroName, ...hit.props },
  });
  f.node({ urn: genome, labels: ['Genome'], props: { accession: hit.genome }, mode: 'reference' });
  f.edge('IN_GENOME', urn, genome);
  if (hit.aroId) {
    // Owned, not a reference: files name a term with or without its name, and what each says accumulates.
    f.node({ urn: hit.aroId, labels: ['AroTerm'], props: { aroId: hit.aroId, name: hit.aroName } });
    f.edge('MATCHES', urn, hit.aroId);
  }
  f.count('geneHits');
  return urn;
}

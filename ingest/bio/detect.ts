import { headText } from '../common/detect-head.js';
import { detected, type BioFormat, type DetectedBioFormat } from './formats.js';
import { parseUniprotAccession } from '../common/bio/ids.js';
import { parseLenientJson } from '../common/lenient-json.js';
import {
  looksLikeAmrHitTable,
  looksLikeCoordinateManifest,
  looksLikeExtractionMetadata,
  looksLikeGenomeMetadata,
  looksLikeHarvestCheckpoint,
} from '../genomeamr/content.js';

type Json = Record<string, unknown>;

/** The first line of a sample as a JSON object (JSONL), if it is one. */
function firstJsonLine(text: string): Json | undefined {
  const first = text.split('\n', 1)[0];
  if (!first) return undefined;
  try {
    const { value } = parseLenientJson(first);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    // A first line longer than the sample (NCBI Gene records with thousands of GeneRIFs): judge by its keys.
    if (!/^\{\s*"/.test(first) || first.length < 4096) return undefined;
    return Object.fromEntries([...first.matchAll(/"([A-Za-z_][\w.]*)"\s*:/g)].map((m) => [m[1]!, true]));
  }
}

function jsonlFormat(o: Json): BioFormat | undefined {
  const has = (...keys: string[]) => keys.every((k) => k in o);
  if (has('records') && ('ensembl_gene_version' in o || 'hgnc_id' in o)) return 'gtex-jsonl';
  if (has('hgnc_id', 'symbol') && ('locus_type' in o || 'status' in o || 'name' in o)) return 'hgnc-jsonl';
  if (has('hgncId', 'impactCounts')) return 'clinvar-gene-report-jsonl';
  if (has('accession') && ('classifications' in o || 'variationType' in o || 'rcvs' in o)) return 'clinvar-vcv-jsonl';
  if (has('gene_id') && ('rif_entries' in o || 'summary' in o)) return 'ncbi-gene-jsonl';
  if (has('gene', 'annotations')) return 'kidney-annotation-api';
  return undefined;
}

function jsonFormat(t: string): BioFormat | undefined {
  if (/"response"\s*:\s*\{/.test(t) && /"docs"\s*:/.test(t) && /"hgnc_id"/.test(t)) return 'hgnc-json';
  if (/^\[\s*\{/.test(t) && /"hgnc_id"/.test(t) && /"locus_type"|"locus_group"/.test(t)) return 'hgnc-json';
  if (/^\{\s*"hgnc_id"/.test(t) && /"locus_type"/.test(t)) return 'hgnc-json';
  if (/"primaryAccession"\s*:|"uniProtkbId"\s*:/.test(t)) return 'uniprot-json';
  if (/^\{\s*"results"\s*:\s*\[\s*\{\s*"from"\s*:/.test(t)) return 'uniprot-json';
  if (/"manifest_version"/.test(t) && /"aligner_version"|"quality_distribution"|"alignment_files"/.test(t)) return 'genomeamr-manifest';
  if (/"patterns"\s*:/.test(t) && /"genes_analyzed"|"mutation_type"|"genome_count"/.test(t)) return 'genomeamr-cooccurrence';
  if (/"genes"\s*:/.test(t) && /"pmid"\s*:/.test(t) && /"hgnc_id"|"reported_as"/.test(t)) return 'kidney-evidence';
  if (/"genes"\s*:/.test(t) && /"provider_id"\s*:/.test(t)) return 'kidney-evidence';
  if (/"annotations"\s*:\s*\{/.test(t) && /"gene"\s*:\s*\{/.test(t)) return 'kidney-annotation-api';
  if (looksLikeKidneyScraperSummary(t)) return 'kidney-scraper-summary';
  // After the alignment manifest: both have a manifest_version.
  if (looksLikeCoordinateManifest(t)) return 'genomeamr-coordinate-manifest';
  if (looksLikeGenomeMetadata(t)) return 'genomeamr-genome-metadata';
  if (looksLikeHarvestCheckpoint(t)) return 'genomeamr-harvest-checkpoint';
  if (looksLikeExtractionMetadata(t)) return 'genomeamr-extraction-metadata';
  return undefined;
}

function firstDataLines(t: string): string[] {
  return t.split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() !== '').slice(0, 20);
}

const BLAST_ROW = /^[^\t]+\t[^\t]+\t\d+(\.\d+)?\t/;

function looksLikeBlastRow(line: string): boolean {
  const c = line.split('\t');
  if (![12, 13, 25].includes(c.length) || !BLAST_ROW.test(line)) return false;
  const ints = c.length === 13 ? c.slice(4, 11) : c.slice(3, 10);
  return ints.every((x) => /^\s*-?\d+\s*$/.test(x));
}

/** UniProtKB TSV: `Entry` first (any `fields=`), or an `Entry` column beside other UniProt titles (ID-mapping `From`). */
function isUniprotTsv(lines: string[]): boolean {
  const first = lines[0] ?? '';
  if (/^Entry\t/i.test(first)) return true;
  if (/^Entry$/i.test(first.trim())) return parseUniprotAccession(lines[1]?.trim()) !== undefined;
  return /(^|\t)Entry(\t|$)/i.test(first) && /(^|\t)(Entry name|Reviewed|Protein names|Gene names|Organism)(\t|$)/i.test(first);
}

/** UniProtKB XML: the `<uniprot>` root, or a bare `<entry>` in the UniProt namespace. */
function isUniprotXml(t: string): boolean {
  const prolog = /^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*/.exec(t)?.[0].length ?? 0;
  const rest = t.slice(prolog);
  return /^<uniprot[\s>]/.test(rest) || (/^<entry[\s>]/.test(rest) && /^<entry[^>]*xmlns="https?:\/\/uniprot\.org\/uniprot"/.test(rest));
}

/**
 * gnomAD constraint tables by their columns, in any order: v4.x names metrics with dots (`lof.pLI`,
 * `lof.oe_ci.upper`) per transcript; v2.1.1 and the varfish/annonars re-exports use underscores (`oe_lof_upper`,
 * `pLI`) per gene. Releases add, drop and reorder columns (v4.0 has no `gene_id`), so no position is assumed.
 */
function gnomadConstraintFormat(header: string): BioFormat | undefined {
  const columns = new Set(header.split('\t').map((c) => c.trim()));
  const names = (...c: string[]) => c.some((x) => columns.has(x));
  if (names('gene') && names('transcript') && names('lof.pLI', 'lof.oe_ci.upper', 'lof.oe')) return 'gnomad-v4-constraint';
  if (names('gene', 'gene_symbol', 'ensembl_gene_id') && names('oe_lof_upper') && names('pLI', 'oe_lof', 'lof_z')) return 'gnomad-varfish';
  return undefined;
}

function tableFormat(lines: string[]): BioFormat | undefined {
  const first = lines[0] ?? '';
  const header = lines.find((l) => !l.startsWith('#')) ?? '';
  if (isUniprotTsv(lines)) return 'uniprot-tsv';
  if (/^hgnc_id\tsymbol\t/.test(first) || (/(^|\t)HGNC ID(\t|$)/.test(first) && /(^|\t)Approved symbol(\t|$)/.test(first))) return 'hgnc-tsv';
  if (/^HGNC_ID\tSTATUS\tWITHDRAWN_SYMBOL/.test(first)) return 'hgnc-withdrawn';
  if (/(^|\t)Gene stable ID(\t|$)/.test(first)) return 'ensembl-biomart';
  const gnomad = gnomadConstraintFormat(first);
  if (gnomad) return gnomad;
  if (/^#\s*Format:\s*entrez-gene-id/i.test(first) || /^ncbi_gene_id\tgene_symbol\thpo_id/.test(first)) return 'hpo-genes-to-phenotype';
  if (/^"?STRING_id"?,"?cluster_index"?/.test(first)) return 'string-clusters';
  if (/^Gene_name\tEnsembl_gene\t/.test(first)) return 'dbnsfp-genes';
  if (/^#\s*ClinGen Gene Curation/i.test(first) || lines.some((l) => /^#\s*Gene Symbol\tGene ID\tcytoBand/.test(l))) return 'clingen-curation';
  const csv = header.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
  if (['approved_symbol', 'hgnc_id', 'evidence_count'].every((c) => csv.includes(c))) return 'kidney-gene-table';
  if (['accession', 'gene_name', 'position'].every((c) => csv.includes(c)) && csv.some((c) => /^(reference|variant|ref|alt|mutant)_aa$/.test(c))) return 'genomeamr-mutations';
  if (['genes', 'mutation_type', 'genome_count'].every((c) => csv.includes(c))) return 'genomeamr-cooccurrence';
  if (lines.some((l) => /^#\s*(T?BLAST[NPX]?|TBLASTX|PSIBLAST)\s+\d/i.test(l) || /^#\s*Fields:\s*query/i.test(l) || /^#A_id\tB_id/.test(l))) return 'blast-tabular';
  // A damaged row must not hide the format: two thirds of the sampled rows suffice.
  const rows = lines.filter((l) => !l.startsWith('#')).slice(0, 12);
  if (rows.length && looksLikeBlastRow(rows[0]!) && rows.filter(looksLikeBlastRow).length * 3 >= rows.length * 2) return 'blast-tabular';
  // Last: the mutation, co-occurrence, kidney and BLAST tables above share some of these column names.
  if (looksLikeAmrHitTable(lines)) return 'amr-gene-hits';
  return undefined;
}

/** A `>` header within the first lines, everything before it sequence-like (stray lines are reported later). */
function isFasta(t: string): boolean {
  const lines = t.split('\n', 4).map((l) => l.trim());
  const header = lines.findIndex((l) => l.startsWith('>'));
  return header >= 0 && lines.slice(0, header).every((l) => /^[A-Za-z*\-\s]*$/.test(l) || l.startsWith(';'));
}

/**
 * The bio format of a file, from its content (the first bytes; gzip is inflated). The file name is not used:
 * real files are often renamed. Undefined when the content is none of the formats in BIO_FORMATS.
 */
export function detectBioFormat(file: string, firstBytes: Uint8Array | string): DetectedBioFormat | undefined {
  void file;
  const text = headText(firstBytes);
  const t = text.trimStart();
  if (!t) return undefined;
  let format: BioFormat | undefined;
  if (/^(<\?xml[^>]*>\s*)?(<!DOCTYPE[^>]*>\s*)?<BlastOutput[\s>]/.test(t)) format = 'blast-xml';
  else if (isUniprotXml(t)) format = 'uniprot-xml';
  else if (t.startsWith('{') || t.startsWith('[')) {
    const line = firstJsonLine(t);
    const lines = t.split('\n').filter((l) => l.trim()).length;
    format = (line && (lines > 1 || !t.endsWith('}')) ? jsonlFormat(line) : undefined) ?? jsonFormat(t) ?? (line ? jsonlFormat(line) : undefined);
  } else if (isFasta(t)) format = 'fasta';
  else if (looksLikeKidneyPipelineConfig(text)) format = 'kidney-pipeline-config';
  else if (/^#\s*Program:\s*\S+/m.test(t) || /^#\s*Aligned_sequences:/m.test(t) || /^(Global|Local):\s+\S+\s+vs\s+\S+/m.test(t)) format = 'emboss';
  else format = tableFormat(firstDataLines(text));
  return format ? detected(format) : undefined;
}

/** Content tests for detection: a registry YAML, or a scraper summary JSON. */
function looksLikeKidneyPipelineConfig(text: string): boolean {
  return /^(annotations|datasources):[ \t]*(#.*)?$/m.test(text) && !text.includes('\t');
}

function looksLikeKidneyScraperSummary(text: string): boolean {
  return /"publications"\s*:\s*\[/.test(text) && /"total_publications"|"successful_extractions"|"extraction_errors"/.test(text);
}

import { columnKey } from './hit-record.js';

/** Content tests for format detection of the GenomeAMRAnalyzer pipeline files (names are unreliable). */

export interface HitTableHeader {
  keys: string[];
  delimiter: '\t' | ',';
}

/** ABRicate writes its header as a comment: `#FILE\tSEQUENCE\t…`. */
export function abricateHeader(line: string): string[] | undefined {
  return /^#FILE\t/i.test(line) ? line.slice(1).split('\t').map((c) => c.trim()) : undefined;
}

/** The header of a delimited file (first non-comment line, or ABRicate's `#FILE` line) as column keys. */
export function hitTableHeader(lines: string[]): HitTableHeader | undefined {
  const header = lines.find((l) => l.trim() !== '' && (!l.startsWith('#') || abricateHeader(l)));
  if (!header) return undefined;
  const delimiter = header.includes('\t') ? '\t' : ',';
  return { delimiter, keys: header.split(delimiter).map((c) => columnKey(c.replace(/^\s*"|"\s*$/g, ''))) };
}

/** A gene, a contig and coordinates, plus at least one column only AMR hit tables have. */
export function looksLikeAmrHitTable(lines: string[]): boolean {
  const keys = hitTableHeader(lines)?.keys ?? [];
  const has = (...names: string[]) => names.some((n) => keys.includes(n));
  return (
    has('gene_name', 'gene', 'best_hit_aro', 'best_hit_aro_name') &&
    has('contig_id', 'contig', 'sequence') &&
    has('start') &&
    has('end', 'stop') &&
    has('aro_id', 'aro', 'best_hit_aro', 'drug_class', 'resistance_mechanism', 'amr_gene_family', 'cut_off', 'orf_id', '%identity', 'resistance')
  );
}

export function looksLikeCoordinateManifest(text: string): boolean {
  return /"manifest_version"\s*:/.test(text) && /"target_genes"\s*:|"coordinate_file"\s*:/.test(text);
}

export function looksLikeGenomeMetadata(text: string): boolean {
  return /^\[\s*\{/.test(text) && /"genome_accession"\s*:/.test(text) && /"protein_accession"\s*:|"fasta_file"\s*:/.test(text);
}

export function looksLikeHarvestCheckpoint(text: string): boolean {
  return /"search_result"\s*:\s*\{/.test(text) && /"downloaded"\s*:|"metadata"\s*:|"failed"\s*:/.test(text);
}

export function looksLikeExtractionMetadata(text: string): boolean {
  return /"extraction_stats"\s*:\s*\{/.test(text) || (/"extraction_results"\s*:/.test(text) && /"failed_extractions"\s*:/.test(text));
}

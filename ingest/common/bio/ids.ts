/** Identifier normalisation for genes and proteins: one spelling per identifier, whatever the source wrote. */

/** `12796`, `"HGNC:12796"`, `" hgnc:12796 "`, `12796.0` → `HGNC:12796`; anything else → undefined. */
export function normalizeHgncId(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 ? `HGNC:${value}` : undefined;
  if (typeof value !== 'string') return undefined;
  const m = /^(?:HGNC:)?(\d+)(?:\.0+)?$/i.exec(value.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  return n > 0 ? `HGNC:${n}` : undefined;
}

export interface VersionedId {
  id: string;
  /** The stripped `.N` suffix, if there was one. */
  version?: string;
}

const ENSEMBL_ID = /^(ENS[A-Z]*[GTPE]\d{6,})(?:\.(\d+))?$/;

/** Ensembl stable ids with an optional version: `ENSG00000105612.10` → `{ id: 'ENSG00000105612', version: '10' }`. */
export function parseEnsemblId(value: unknown): VersionedId | undefined {
  if (typeof value !== 'string') return undefined;
  const m = ENSEMBL_ID.exec(value.trim());
  if (!m) return undefined;
  return m[2] === undefined ? { id: m[1]! } : { id: m[1]!, version: m[2] };
}

export function isEnsemblGeneId(value: string): boolean {
  return /^ENS[A-Z]*G\d{6,}$/.test(value);
}

/** NCBI Gene ids are positive integers, written as numbers or strings. */
export function normalizeEntrezId(value: unknown): string | undefined {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  const m = /^(?:NCBIGene:|GeneID:)?(\d+)(?:\.0+)?$/i.exec(text);
  return m && Number(m[1]) > 0 ? String(Number(m[1])) : undefined;
}

/** UniProtKB accession (6 or 10 characters) with optional isoform `-n` and optional sequence version `.n`. */
const UNIPROT_ACCESSION = /^([OPQ][0-9][A-Z0-9]{3}[0-9]|[A-NR-Z][0-9](?:[A-Z][A-Z0-9]{2}[0-9]){1,2})(-\d+)?(?:\.(\d+))?$/;

export interface UniprotAccession {
  /** Accession including the isoform suffix, without the sequence version. */
  accession: string;
  canonical: string;
  isoform?: string;
  sequenceVersion?: string;
}

export function parseUniprotAccession(value: unknown): UniprotAccession | undefined {
  if (typeof value !== 'string') return undefined;
  const m = UNIPROT_ACCESSION.exec(value.trim());
  if (!m) return undefined;
  const canonical = m[1]!;
  const isoform = m[2] ? m[2].slice(1) : undefined;
  return {
    accession: isoform ? `${canonical}-${isoform}` : canonical,
    canonical,
    ...(isoform ? { isoform } : {}),
    ...(m[3] ? { sequenceVersion: m[3] } : {}),
  };
}

/** PubMed ids: `12345`, `PMID:12345`, `PubMed:12345` → `PMID:12345`. */
export function normalizePmid(value: unknown): string | undefined {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  const m = /^(?:PMID:?\s*|PubMed:)?(\d+)$/i.exec(text);
  return m && Number(m[1]) > 0 ? `PMID:${Number(m[1])}` : undefined;
}

/** Lower-case, dash-separated token for urns built from free text (panel names, sources). */
export function slug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

import type { Props, StreamedBatch } from '../core/graph.js';
import { BatchBuilder, type BioReadOptions, type Fragment } from '../common/batch.js';
import { readTable } from '../common/delimited.js';
import { normalizeEntrezId, normalizeHgncId, parseEnsemblId, parseUniprotAccession } from '../common/bio/ids.js';
import { cell, int, isoDate, list, num } from '../common/missing.js';
import { taxonForOrganism } from '../common/bio/taxon.js';
import { emitUniprotProtein, entryTypeProps, proteinExistenceLabel, sequenceProps, type HgncXref, type ProteinMapOptions } from './uniprot-protein.js';
import { annotationScoreText, parseAlternativeProducts, scientificName, splitProteinNames } from './uniprot-text.js';

/**
 * Column titles as UniProt writes them, normalised (lower case, single spaces, no space inside brackets): the
 * rest.uniprot.org TSV first, then the legacy www.uniprot.org tab format (`Status`, `Cross-reference (HGNC)`,
 * `Gene names  (primary )`).
 */
const COLUMNS = {
  entry: ['entry'],
  entryName: ['entry name'],
  reviewed: ['reviewed', 'status'],
  proteinNames: ['protein names'],
  geneNames: ['gene names'],
  genePrimary: ['gene names (primary)'],
  organism: ['organism'],
  taxonId: ['organism (id)', 'organism id'],
  length: ['length'],
  mass: ['mass'],
  sequence: ['sequence'],
  hgnc: ['hgnc', 'cross-reference (hgnc)'],
  ensembl: ['ensembl', 'cross-reference (ensembl)', 'ensembl transcript'],
  geneId: ['geneid', 'cross-reference (geneid)'],
  mim: ['mim', 'cross-reference (mim)'],
  isoforms: ['alternative products (isoforms)', 'alternative products'],
  created: ['date of creation'],
  modified: ['date of last modification'],
  sequenceModified: ['date of last sequence modification'],
  entryVersion: ['entry version'],
  sequenceVersion: ['sequence version'],
  annotation: ['annotation', 'annotation score'],
  existence: ['protein existence'],
  keywords: ['keywords'],
} as const satisfies Record<string, readonly string[]>;

type Column = keyof typeof COLUMNS;

export function normalizeColumnTitle(title: string): string {
  return title.trim().toLowerCase().replace(/\s+/g, ' ').replace(/\(\s+/g, '(').replace(/\s+\)/g, ')');
}

/** A row's cells by column; `has` tells a missing column (unknown) from an empty cell (known to be empty). */
class UniprotRow {
  private cells = new Map<string, string>();

  constructor(values: Record<string, string>) {
    for (const [title, value] of Object.entries(values)) {
      const key = normalizeColumnTitle(title);
      if (!this.cells.has(key)) this.cells.set(key, value);
    }
  }

  has(c: Column): boolean {
    return COLUMNS[c].some((t) => this.cells.has(t));
  }

  raw(c: Column): string | undefined {
    for (const t of COLUMNS[c]) if (this.cells.has(t)) return this.cells.get(t);
    return undefined;
  }

  get(c: Column): string | undefined {
    return cell(this.raw(c));
  }

  /** A `;`-terminated list (`HGNC:5;`, `1;`), undefined when the column is absent. */
  items(c: Column): string[] | undefined {
    return this.has(c) ? list(this.raw(c), ';') : undefined;
  }
}

const ENSEMBL_GENE = /\bENS[A-Z]*G\d{6,}(?:\.\d+)?\b/g;

/** Ensembl gene ids in an `Ensembl` cell; undefined when it only names transcripts (the gene is then unknown). */
function ensemblGeneIds(row: UniprotRow): string[] | undefined {
  if (!row.has('ensembl')) return undefined;
  const text = row.get('ensembl');
  if (!text) return [];
  const ids = [...new Set([...text.matchAll(ENSEMBL_GENE)].map((m) => parseEnsemblId(m[0])!.id))];
  return ids.length ? ids : undefined;
}

/** Primary gene names: `Gene Names (primary)` (`A; B`), else the first name of each `;`-separated gene. */
function geneNames(row: UniprotRow): string[] | undefined {
  if (row.has('genePrimary')) return list(row.raw('genePrimary'), ';');
  if (!row.has('geneNames')) return undefined;
  return list(row.raw('geneNames'), ';').map((g) => g.split(/\s+/)[0]!);
}

function hgncIds(row: UniprotRow): string[] | undefined {
  // Some exports double the prefix: `HGNC:HGNC:9052`.
  return row.items('hgnc')?.map((x) => normalizeHgncId(x.replace(/^(HGNC:)+/i, 'HGNC:'))).filter((x): x is string => !!x);
}

function rowProps(row: UniprotRow, accession: string, f: Fragment): Props {
  const bad = (c: Column) => (v: string) => f.issue('warning', 'BAD_NUMBER', `${c}: "${v}" is not a number`, { subject: accession });
  const reviewedText = row.get('reviewed')?.toLowerCase();
  const reviewed = reviewedText === 'reviewed' ? true : reviewedText === 'unreviewed' ? false : undefined;
  if (reviewedText !== undefined && reviewed === undefined) {
    f.issue('warning', 'BAD_BOOLEAN', `reviewed: "${reviewedText}" is neither reviewed nor unreviewed`, { subject: accession });
  }
  const names = splitProteinNames(row.get('proteinNames'));
  const sequence = row.get('sequence')?.replace(/\s+/g, '');
  const organism = scientificName(row.get('organism'));
  // Without an `Organism (ID)` column, a well-known organism still gives its taxon (genes are taxon-qualified).
  const knownTaxon = taxonForOrganism(organism);
  return {
    accession,
    entryName: row.get('entryName'),
    ...entryTypeProps(reviewed),
    proteinName: names.name,
    alternativeNames: row.has('proteinNames') ? names.alternatives : undefined,
    geneNames: geneNames(row),
    organism,
    taxonId: int(row.get('taxonId'), bad('taxonId')) ?? (knownTaxon ? Number(knownTaxon) : undefined),
    // The legacy tab format writes masses with thousands separators: `54,254`.
    molWeight: num(row.get('mass')?.replace(/,/g, ''), bad('mass')),
    ...sequenceProps(sequence, { length: int(row.get('length'), bad('length')) }),
    proteinExistence: proteinExistenceLabel(row.get('existence')),
    annotationScore: num(annotationScoreText(row.get('annotation')), bad('annotation')),
    entryVersion: int(row.get('entryVersion'), bad('entryVersion')),
    sequenceVersion: int(row.get('sequenceVersion'), bad('sequenceVersion')),
    firstPublicDate: isoDate(row.get('created')),
    lastAnnotationUpdateDate: isoDate(row.get('modified')),
    lastSequenceUpdateDate: isoDate(row.get('sequenceModified')),
    keywords: row.items('keywords'),
    hgncIds: hgncIds(row),
    ensemblGeneIds: ensemblGeneIds(row),
    entrezIds: row.items('geneId')?.map((x) => normalizeEntrezId(x)).filter((x): x is string => !!x),
    mimIds: row.items('mim')?.filter((x) => /^\d+$/.test(x)),
  };
}

function mapRow(row: UniprotRow, f: Fragment, o: ProteinMapOptions): void {
  const acc = parseUniprotAccession(row.get('entry'));
  if (!acc) {
    f.issue('error', 'BAD_UNIPROT_ACCESSION', `row without a valid Entry (${row.get('entry') ?? ''})`);
    return;
  }
  const props = rowProps(row, acc.accession, f);
  const ids = (props.hgncIds as string[] | undefined) ?? [];
  const genes = (props.geneNames as string[] | undefined) ?? [];
  // The TSV names no symbol per HGNC id; one id and one gene name are the same gene.
  const hgncXrefs: HgncXref[] = ids.map((id) => ({ id, ...(ids.length === 1 && genes.length === 1 ? { symbol: genes[0] } : {}) }));
  const isoforms = parseAlternativeProducts(row.get('isoforms'));
  emitUniprotProtein({ acc, props, hgncXrefs, isoforms, expectSequence: row.has('sequence') }, f, o);
}

/**
 * UniProtKB TSV: rest.uniprot.org `format=tsv` (search or stream, any `fields=`; ID-mapping TSV with its `From`
 * column too) and the legacy www.uniprot.org tab format. Columns are found by title, any subset; `Entry` is
 * required. Record = one data row.
 */
export async function* readUniprotTsv(file: string, opts: BioReadOptions = {}): AsyncGenerator<StreamedBatch> {
  const b = new BatchBuilder(file, opts);
  const o: ProteinMapOptions = { geneIndex: opts.geneIndex, defaultTaxon: opts.taxonId };
  const rows = readTable(file, {
    delimiter: '\t',
    commentPrefix: '',
    onIssue: (severity, code, message, line) => b.issue(severity, code, message, { line }),
  });
  let withoutEntry = 0;
  for await (const table of rows) {
    if (!b.consume()) continue;
    const row = new UniprotRow(table.values);
    if (!row.has('entry')) {
      if (withoutEntry++ === 0) b.issue('error', 'UNIPROT_TSV_NO_ENTRY_COLUMN', 'no Entry column: rows cannot be identified and are not read', { line: table.line });
      b.count('rowsWithoutEntry');
    } else b.guard(table.line, row.get('entry'), (f) => mapRow(row, f, o));
    if (b.full) yield b.take();
  }
  yield b.finish();
}

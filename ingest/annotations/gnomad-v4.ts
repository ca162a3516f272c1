import type { StreamedBatch } from '../core/graph.js';
import type { BioReadOptions } from '../common/batch.js';
import type { TableRow } from '../common/delimited.js';
import { isEnsemblGeneId } from '../common/bio/ids.js';
import { bool, cell, list } from '../common/missing.js';
import { addAnnotation } from '../common/bio/annotation-node.js';
import { readGroupedTable } from './grouped-table.js';
import { numbers, rowData } from './typed.js';

/** gnomAD v4.1 constraint_metrics column → typed prop (names shared with the varfish re-export). */
const TYPED = {
  pli: 'lof.pLI',
  loeuf: 'lof.oe_ci.upper',
  oeLofUpper: 'lof.oe_ci.upper',
  oeLofLower: 'lof.oe_ci.lower',
  oeLof: 'lof.oe',
  lofZ: 'lof.z_score',
  oeMis: 'mis.oe',
  oeMisUpper: 'mis.oe_ci.upper',
  misZ: 'mis.z_score',
  oeSyn: 'syn.oe',
  synZ: 'syn.z_score',
  obsLof: 'lof.obs',
  expLof: 'lof.exp',
  obsMis: 'mis.obs',
  expMis: 'mis.exp',
  cdsLength: 'cds_length',
  numCodingExons: 'num_coding_exons',
};

/** v4.1 names the gene (`gene_id`); v4.0 has no gene id column, so its Ensembl rows are known by `ENST` transcripts. */
const isEnsemblRow = (r: TableRow) => isEnsemblGeneId(r.values.gene_id ?? '') || /^ENST\d/.test(r.values.transcript ?? '');
const flag = (r: TableRow, column: string) => bool(r.values[column]) === true;

/** The transcript that speaks for the gene: Ensembl canonical+MANE, canonical, MANE; then RefSeq likewise. */
function representative(rows: TableRow[]): TableRow | undefined {
  const tests: ((r: TableRow) => boolean)[] = [
    (r) => isEnsemblRow(r) && flag(r, 'canonical') && flag(r, 'mane_select'),
    (r) => isEnsemblRow(r) && flag(r, 'canonical'),
    (r) => isEnsemblRow(r) && flag(r, 'mane_select'),
    (r) => flag(r, 'canonical'),
    (r) => flag(r, 'mane_select'),
  ];
  for (const test of tests) {
    const hit = rows.find(test);
    if (hit) return hit;
  }
  return undefined;
}

/** `[]`, `['no_variants', 'outlier']` → string list. */
function constraintFlags(value: string | undefined): string[] {
  return list((value ?? '').replace(/^\[|\]$/g, ''), ',').map((s) => s.replace(/^['"]|['"]$/g, '')).filter(Boolean);
}

/**
 * The release a v4 table's columns tell, for files renamed without their version: v4.0 has no `gene_id`, v4.1
 * added it, v4.1.1 added `transcript_version`. The file name, when it carries a version, wins.
 */
function releaseFromColumns(columns: string[]): string {
  if (columns.includes('transcript_version')) return '4.1.1';
  return columns.includes('gene_id') ? '4.1' : '4.0';
}

/**
 * gnomAD v4 constraint metrics, v4.0, v4.1 and v4.1.1 (one row per transcript, Ensembl and RefSeq; columns found
 * by name, so releases that add, drop or reorder columns read alike). One Annotation per gene from its
 * canonical/MANE transcript; the other transcripts are counted (`transcriptCount`, `transcripts[]`).
 * Record = one row.
 */
export function readGnomadV4Constraint(file: string, opts: BioReadOptions = {}): AsyncGenerator<StreamedBatch> {
  return readGroupedTable(file, opts, {
    source: 'gnomad',
    delimiter: '\t',
    defaultVersion: '4.1',
    versionFromColumns: releaseFromColumns,
    groupKey: (row) => row.values.gene ?? '',
    mapGroup(rows, ctx, f) {
      const symbol = cell(rows[0]!.values.gene);
      const ensemblGeneId = rows.map((r) => r.values.gene_id).find((id) => isEnsemblGeneId(id ?? ''));
      const entrezId = rows.map((r) => r.values.gene_id).find((id) => /^\d+$/.test(id ?? ''));
      const gene = ctx.gene({ ensemblGeneId, entrezId, symbol });
      if (!gene) {
        f.issue('error', 'GENE_UNIDENTIFIED', 'transcript rows name no gene');
        return;
      }
      let chosen = representative(rows);
      if (!chosen) {
        f.issue('warning', 'GNOMAD_NO_CANONICAL', `no canonical or MANE transcript for ${symbol ?? gene.urn}; using the first row`, {
          subject: gene.urn,
        });
        chosen = rows[0]!;
      }
      const v = chosen.values;
      addAnnotation(f, ctx.src, {
        gene,
        data: rowData(v),
        props: {
          ...numbers(v, TYPED, f),
          level: 'transcript',
          transcript: cell(v.transcript),
          canonical: bool(v.canonical),
          maneSelect: bool(v.mane_select),
          chromosome: cell(v.chromosome),
          constraintFlags: constraintFlags(v.constraint_flags),
          transcriptCount: rows.length,
          transcripts: rows.map((r) => cell(r.values.transcript)).filter((t): t is string => !!t),
        },
      });
      f.count('transcriptsCounted', rows.length - 1);
    },
  });
}

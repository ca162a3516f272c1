import type { StreamedBatch } from '../core/graph.js';
import type { BioReadOptions } from '../common/batch.js';
import { cell, list, PLACEHOLDER_MISSING } from '../common/missing.js';
import { addAnnotation, cite } from '../common/bio/annotation-node.js';
import { readAnnotationTable } from './table-reader.js';
import { numbers, rowData, strings } from './typed.js';

/**
 * STRING-derived protein clusters (kidney-genetics `STRING_cluster_indices…csv`: `STRING_id, cluster_index,
 * hierarchy_1..4, symbol, hgnc_id` with bare-integer HGNC ids, `NA` levels). Source `string`.
 */
export function readStringClusters(file: string, opts: BioReadOptions = {}): AsyncGenerator<StreamedBatch> {
  return readAnnotationTable(file, opts, {
    source: 'string',
    delimiter: ',',
    mapRow(row, ctx, f) {
      const v = row.values;
      const gene = ctx.gene({ hgncId: v.hgnc_id, symbol: v.symbol });
      if (!gene) {
        f.issue('error', 'GENE_UNIDENTIFIED', 'row names no gene (hgnc_id and symbol missing)');
        return;
      }
      const hierarchy = Object.keys(v).filter((k) => /^hierarchy_\d+$/.test(k)).sort();
      const levels = numbers(v, Object.fromEntries(hierarchy.map((k) => [`hierarchy${k.slice(10)}`, k])), f);
      addAnnotation(f, ctx.src, {
        gene,
        data: rowData(v),
        props: { stringId: cell(v.STRING_id), clusterIndex: cell(v.cluster_index), ...levels },
      });
    },
  });
}

/** dbNSFP gene table (`Gene_name Ensembl_gene … `, `.` for missing, `;`-separated lists). Source `dbnsfp`. */
export function readDbnsfpGenes(file: string, opts: BioReadOptions = {}): AsyncGenerator<StreamedBatch> {
  const M = PLACEHOLDER_MISSING;
  return readAnnotationTable(file, opts, {
    source: 'dbnsfp',
    delimiter: '\t',
    commentPrefix: '',
    mapRow(row, ctx, f) {
      const v = row.values;
      const gene = ctx.gene({ ensemblGeneId: cell(v.Ensembl_gene, M), entrezId: cell(v.Entrez_gene_id, M), symbol: cell(v.Gene_name, M) });
      if (!gene) {
        f.issue('error', 'GENE_UNIDENTIFIED', 'row names no gene (Gene_name, Ensembl_gene, Entrez_gene_id missing)');
        return;
      }
      addAnnotation(f, ctx.src, {
        gene,
        data: rowData(v, M),
        props: {
          ...numbers(v, { pHi: 'P(HI)', hiPredScore: 'HIPred_score', ghis: 'GHIS', pRec: 'P(rec)', rvisExac: 'RVIS_ExAC', exacPli: 'ExAC_pLI', gnomadPli: 'gnomAD_pLI', gdiPhred: 'GDI-Phred', loftoolScore: 'LoFtool_score' }, f, M),
          ...strings(v, { geneFullName: 'Gene_full_name', essentialGene: 'Essential_gene', mimId: 'MIM_id' }, M),
          uniprotAccessions: list(v['Uniprot_acc(HGNC/Uniprot)'], ';', M),
          hpoIds: list(v.HPO_id, ';', M),
        },
      });
    },
  });
}

const MONTHS: Record<string, string> = { jan: '01', feb: '02', mar: '03', apr: '04', may: '05', jun: '06', jul: '07', aug: '08', sep: '09', oct: '10', nov: '11', dec: '12' };

/** ClinGen preamble date `#21 Nov,2023` → `2023-11-21`. */
function clingenDate(text: string): string | undefined {
  const m = /^#\s*(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s*,?\s*(\d{4})\s*$/.exec(text);
  const month = m ? MONTHS[m[2]!.toLowerCase()] : undefined;
  return m && month ? `${m[3]}-${month}-${m[1]!.padStart(2, '0')}` : undefined;
}

/**
 * ClinGen dosage-sensitivity gene curation list (preamble lines, header `#Gene Symbol…`, empty cells). Source
 * `clingen`, release from the preamble date; (Annotation)-[:CITES]->(Publication) for every PMID column.
 */
export function readClingenCuration(file: string, opts: BioReadOptions = {}): AsyncGenerator<StreamedBatch> {
  return readAnnotationTable(file, opts, {
    source: 'clingen',
    delimiter: '\t',
    headerFromComment: (text) => (/^#\s*Gene Symbol\t/.test(text) ? text.replace(/^#\s*/, '').split('\t') : undefined),
    preamble: (text, d) => {
      const date = clingenDate(text);
      if (date && !d.contentVersion) {
        d.contentVersion = date;
        d.retrievedAt = date;
      }
    },
    mapRow(row, ctx, f) {
      const v = row.values;
      const gene = ctx.gene({ symbol: v['Gene Symbol'], entrezId: v['Gene ID'] });
      if (!gene) {
        f.issue('error', 'GENE_UNIDENTIFIED', 'row names no gene');
        return;
      }
      const urn = addAnnotation(f, ctx.src, {
        gene,
        updatedAt: cell(v['Date Last Evaluated']),
        data: rowData(v),
        props: strings(v, {
          haploinsufficiencyScore: 'Haploinsufficiency Score',
          haploinsufficiencyDescription: 'Haploinsufficiency Description',
          haploinsufficiencyDiseaseId: 'Haploinsufficiency Disease ID',
          triplosensitivityScore: 'Triplosensitivity Score',
          triplosensitivityDescription: 'Triplosensitivity Description',
          triplosensitivityDiseaseId: 'Triplosensitivity Disease ID',
          dateLastEvaluated: 'Date Last Evaluated',
          cytoBand: 'cytoBand',
          genomicLocation: 'Genomic Location',
        }),
      });
      for (const [column, value] of Object.entries(v)) {
        if (!/PMID\d*$/.test(column) || !cell(value)) continue;
        if (!cite(f, urn, value, {})) f.issue('warning', 'BAD_PMID', `${column}: "${value}" is not a PubMed id`, { subject: urn });
      }
    },
  });
}

import type { Props } from '../core/graph.js';
import type { StreamedBatch } from '../core/graph.js';
import type { BioReadOptions, Fragment } from '../common/batch.js';
import { cell } from '../common/missing.js';
import { addAnnotation } from '../common/bio/annotation-node.js';
import { addTableSourceAnnotations } from './kidney-table-sources.js';
import { readAnnotationTable } from './table-reader.js';
import { numbers, rowData, strings } from './typed.js';

/** `P:737; LP:305; VUS:1182` → ClinVar counts by significance. */
function clinvarCounts(value: string | undefined, f: Fragment): Props {
  const props: Props = {};
  const names: Record<string, string> = { P: 'clinvarPathogenic', LP: 'clinvarLikelyPathogenic', VUS: 'clinvarVus', LB: 'clinvarLikelyBenign', B: 'clinvarBenign' };
  for (const part of (cell(value) ?? '').split(';')) {
    const m = /^\s*([A-Za-z]+)\s*:\s*(\d+)\s*$/.exec(part);
    if (!part.trim()) continue;
    if (!m) f.issue('warning', 'BAD_CLINVAR_SUMMARY', `unreadable ClinVar count "${part.trim()}"`);
    else props[names[m[1]!.toUpperCase()] ?? `clinvar${m[1]}`] = Number(m[2]);
  }
  return props;
}

/** `9606.ENSP00000219476:795, 9606.ENSP…:292` → partner STRING ids and their scores (same order). */
function stringPartners(value: string | undefined): { partners: string[]; partnerScores: number[] } {
  const partners: string[] = [];
  const partnerScores: number[] = [];
  for (const item of (cell(value) ?? '').split(',')) {
    const m = /^\s*([^:\s]+)(?::(\d+(?:\.\d+)?))?\s*$/.exec(item);
    if (!m || !item.trim()) continue;
    partners.push(m[1]!);
    partnerScores.push(m[2] !== undefined ? Number(m[2]) : NaN);
  }
  return { partners, partnerScores: partnerScores.every(Number.isFinite) ? partnerScores : [] };
}

const ids = (text: string | undefined, prefix: string) => [...new Set([...(text ?? '').matchAll(new RegExp(`${prefix}:\\d+`, 'g'))].map((m) => m[0]))];

/**
 * Kidney-Genetics annotated gene table (`C_high_evidence_annotated_csv_table.<date>.csv[.gz]`: bare-integer
 * hgnc_id, literal NULL for missing, `;`/`,`/`|`-joined multi-value cells). Source `kidney-genetics`, release = the
 * date in the file name. Typed evidence (evidenceCount, summaries, curationId), constraint, ClinVar counts, STRING
 * partners and kidney expression; each source the row carries is also an Annotation of that source
 * (kidney-table-sources.ts).
 */
export function readKidneyGeneTable(file: string, opts: BioReadOptions = {}): AsyncGenerator<StreamedBatch> {
  return readAnnotationTable(file, opts, {
    source: 'kidney-genetics',
    delimiter: ',',
    mapRow(row, ctx, f) {
      const v = row.values;
      const gene = ctx.gene({ hgncId: v.hgnc_id, symbol: v.approved_symbol });
      if (!gene) {
        f.issue('error', 'GENE_UNIDENTIFIED', 'row names no gene (hgnc_id and approved_symbol missing)');
        return;
      }
      if (cell(v.hgnc_id) && gene.basis !== 'hgnc') f.issue('warning', 'BAD_HGNC_ID', `unusable hgnc_id "${v.hgnc_id}"`, { subject: gene.urn });
      const summaries = strings(v, {
        omimSummary: 'omim_summary',
        genccSummary: 'gencc_summary',
        clingenSummary: 'clingen_summary',
        clinicalGroups: 'clinical_groups_p',
        onsetGroups: 'onset_groups_p',
        syndromicGroups: 'syndromic_groups_p',
        mgiPhenotype: 'mgi_phenotype',
        curationId: 'cur_id',
      });
      const data = rowData(v);
      const props: Props = {
        ...numbers(v, {
          evidenceCount: 'evidence_count',
          sourceCountPercentile: 'source_count_percentile',
          pli: 'pLI',
          oeLof: 'oe_lof',
          lofZ: 'lof_z',
          misZ: 'mis_z',
          interactionScore: 'interaction_score',
          stringSumScore: 'stringdb_interaction_sum_score',
          stringNormalizedScore: 'stringdb_interaction_normalized_score',
          expressionScore: 'expression_score',
          gtexKidneyMedulla: 'gtex_kidney_medulla',
          gtexKidneyCortex: 'gtex_kidney_cortex',
          descartesKidneyTpm: 'descartes_kidney_tpm',
        }, f),
        ...summaries,
        ...clinvarCounts(v.clinvar, f),
        ...stringPartners(v.stringdb_interaction_string),
        omimIds: ids(summaries.omimSummary as string | undefined, 'OMIM'),
        mondoIds: ids(`${summaries.genccSummary ?? ''} ${summaries.clingenSummary ?? ''}`, 'MONDO'),
      };
      const rowUrn = addAnnotation(f, ctx.src, { gene, data, props });
      addTableSourceAnnotations(f, ctx.src, gene, rowUrn, data, props);
    },
  });
}

import type { StreamedBatch } from '../core/graph.js';
import type { BioReadOptions } from '../common/batch.js';
import { cell } from '../common/missing.js';
import { addAnnotation } from '../common/bio/annotation-node.js';
import { readAnnotationTable } from './table-reader.js';
import { numbers, rowData } from './typed.js';

/** varfish/annonars column → typed prop (names shared with the gnomAD v4.1 reader). */
const TYPED = {
  pli: 'pLI',
  loeuf: 'oe_lof_upper',
  oeLofUpper: 'oe_lof_upper',
  oeLofLower: 'oe_lof_lower',
  oeLof: 'oe_lof',
  oeMis: 'oe_mis',
  oeMisUpper: 'oe_mis_upper',
  oeSyn: 'oe_syn',
  lofZ: 'lof_z',
  misZ: 'mis_z',
  synZ: 'syn_z',
  obsLof: 'obs_lof',
  expLof: 'exp_lof',
  obsMis: 'obs_mis',
  expMis: 'exp_mis',
  exacPli: 'exac_pLI',
  exacOeLof: 'exac_oe_lof',
};

/**
 * gnomAD constraint per gene: the varfish/annonars re-export (v2.1.1 and v4.0: `ensembl_gene_id entrez_id
 * gene_symbol exp_lof …`) and the original v2.1.1 `lof_metrics.by_gene` table (`gene transcript … gene_id`).
 * One Annotation per row; the release comes from the file name or `version`.
 */
export function readGnomadVarfish(file: string, opts: BioReadOptions = {}): AsyncGenerator<StreamedBatch> {
  return readAnnotationTable(file, opts, {
    source: 'gnomad',
    delimiter: '\t',
    mapRow(row, ctx, f) {
      const v = row.values;
      const gene = ctx.gene({ ensemblGeneId: v.ensembl_gene_id ?? v.gene_id, entrezId: v.entrez_id, symbol: v.gene_symbol ?? v.gene });
      if (!gene) {
        f.issue('error', 'GENE_UNIDENTIFIED', 'row names no gene (ensembl_gene_id, entrez_id, gene_symbol all missing)');
        return;
      }
      addAnnotation(f, ctx.src, { gene, data: rowData(v), props: { ...numbers(v, TYPED, f), level: 'gene', transcript: cell(v.transcript) } });
    },
  });
}

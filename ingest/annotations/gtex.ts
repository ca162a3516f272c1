import type { StreamedBatch } from '../core/graph.js';
import type { BioReadOptions } from '../common/batch.js';
import { isRecord } from '../common/jsonl.js';
import { cell, num } from '../common/missing.js';
import { addAnnotation } from '../common/bio/annotation-node.js';
import { readAnnotationJsonl } from './jsonl-reader.js';

interface TissueTpm {
  tissue?: string;
  median?: number;
  quantiles: (number | null)[];
}

/**
 * GTEx TPM per gene and tissue as varfish/annonars writes it: `{hgnc_id, ensembl_gene_id, ensembl_gene_version,
 * records[{tissue, tissue_detailed, tpms[5 quantiles]}]}`; the median is the middle quantile. Typed: `tissuesJson`
 * (detailed tissue → {tissue, median, quantiles}), `topTissue` (highest median), `tissueCount`.
 */
export function readGtexJsonl(file: string, opts: BioReadOptions = {}): AsyncGenerator<StreamedBatch> {
  return readAnnotationJsonl(file, opts, {
    source: 'gtex',
    mapRecord(r, ctx, f) {
      const gene = ctx.gene({ hgncId: r.hgnc_id, ensemblGeneId: r.ensembl_gene_id });
      if (!gene) {
        f.issue('error', 'GENE_UNIDENTIFIED', 'record names no gene (hgnc_id, ensembl_gene_id missing)');
        return;
      }
      const version = cell(r.ensembl_gene_version);
      if (version) gene.props.ensemblGeneVersion = version;
      const tissues: Record<string, TissueTpm> = {};
      let top: { name: string; median: number } | undefined;
      for (const rec of Array.isArray(r.records) ? r.records.filter(isRecord) : []) {
        const name = cell(rec.tissue_detailed) ?? cell(rec.tissue);
        if (!name) continue;
        const quantiles = (Array.isArray(rec.tpms) ? rec.tpms : []).map((q) => num(q) ?? null);
        const median = quantiles.length ? (quantiles[Math.floor(quantiles.length / 2)] ?? undefined) : undefined;
        tissues[name] = { tissue: cell(rec.tissue), median: median ?? undefined, quantiles };
        if (median !== undefined && (!top || median > top.median)) top = { name, median };
      }
      addAnnotation(f, ctx.src, {
        gene,
        data: r,
        props: {
          tissuesJson: JSON.stringify(tissues),
          tissueCount: Object.keys(tissues).length,
          topTissue: top?.name,
          topTissueMedianTpm: top?.median,
        },
      });
    },
  });
}

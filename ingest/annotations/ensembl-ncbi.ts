import type { StreamedBatch } from '../core/graph.js';
import type { BioReadOptions } from '../common/batch.js';
import { normalizePmid } from '../common/bio/ids.js';
import { isRecord } from '../common/jsonl.js';
import { cell } from '../common/missing.js';
import { addAnnotation, cite } from '../common/bio/annotation-node.js';
import { readAnnotationJsonl } from './jsonl-reader.js';
import { readAnnotationTable } from './table-reader.js';
import { numbers, rowData } from './typed.js';

/** First value among BioMart's changing column titles. */
function pick(values: Record<string, string>, ...names: string[]): string | undefined {
  for (const n of names) if (cell(values[n]) !== undefined) return values[n];
  return undefined;
}

/**
 * Ensembl BioMart gene table (`Gene stable ID`, `HGNC ID` as bare integer or `HGNC:n`, coordinates). Coordinates
 * are an Annotation of source `ensembl` (the Gene node stays owned by HGNC ingestion).
 */
export function readEnsemblBiomart(file: string, opts: BioReadOptions = {}): AsyncGenerator<StreamedBatch> {
  return readAnnotationTable(file, opts, {
    source: 'ensembl',
    delimiter: '\t',
    commentPrefix: '',
    mapRow(row, ctx, f) {
      const v = row.values;
      const ensembl = pick(v, 'Gene stable ID version', 'Gene stable ID', 'Ensembl Gene ID');
      const gene = ctx.gene({
        hgncId: pick(v, 'HGNC ID', 'HGNC ID(s)'),
        ensemblGeneId: ensembl,
        entrezId: pick(v, 'NCBI gene (formerly Entrezgene) ID', 'NCBI gene ID', 'EntrezGene ID'),
        symbol: pick(v, 'HGNC symbol', 'Gene name'),
      });
      if (!gene) {
        f.issue('error', 'GENE_UNIDENTIFIED', 'row names no gene');
        return;
      }
      addAnnotation(f, ctx.src, {
        gene,
        data: rowData(v),
        props: {
          ensemblGeneId: gene.props.ensemblGeneId,
          chromosome: cell(pick(v, 'Chromosome/scaffold name', 'Chromosome Name')),
          ...numbers(v, { geneStart: 'Gene start (bp)', geneEnd: 'Gene end (bp)', strand: 'Strand' }, f),
          geneType: cell(pick(v, 'Gene type', 'Gene Biotype')),
        },
      });
    },
  });
}

/**
 * NCBI Gene records as JSONL (`{gene_id, summary, rif_entries[{text, pmids[]}]}`, varfish/annonars). Source
 * `ncbi-gene`; typed `summary`, `generifCount`; (Annotation)-[:CITES]->(Publication) for every GeneRIF PMID.
 */
export function readNcbiGeneJsonl(file: string, opts: BioReadOptions = {}): AsyncGenerator<StreamedBatch> {
  return readAnnotationJsonl(file, opts, {
    source: 'ncbi-gene',
    mapRecord(r, ctx, f) {
      const gene = ctx.gene({ entrezId: r.gene_id, symbol: r.symbol });
      if (!gene) {
        f.issue('error', 'GENE_UNIDENTIFIED', `record has no usable gene_id (${String(r.gene_id)})`);
        return;
      }
      const rifs = Array.isArray(r.rif_entries) ? r.rif_entries.filter(isRecord) : [];
      const pmids = new Set<string>();
      for (const rif of rifs) for (const p of Array.isArray(rif.pmids) ? rif.pmids : []) {
        const pmid = normalizePmid(p);
        if (pmid) pmids.add(pmid);
        else f.issue('warning', 'BAD_PMID', `GeneRIF PMID "${String(p)}" is not a PubMed id`, { subject: gene.urn });
      }
      const urn = addAnnotation(f, ctx.src, {
        gene,
        data: r,
        props: { summary: cell(r.summary), generifCount: rifs.length, publicationCount: pmids.size },
      });
      for (const pmid of pmids) cite(f, urn, pmid);
    },
  });
}

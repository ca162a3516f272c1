import type { IngestRunner } from './types.js';

/** `helix ingest <kind>`: each kind's runner (parse → map → shared writer → report), loaded on demand. */
export const INGESTERS: Record<string, { describe: string; run: () => Promise<IngestRunner> }> = {
  dbt: {
    describe: 'dbt target/ folder or manifest.json (+ catalog, run_results, sources)',
    run: async () => (await import('./dbt.js')).runDbtIngest,
  },
  hgnc: { describe: 'HGNC genes: REST/Solr JSON, JSONL, TSV, withdrawn report (file or folder)', run: bio('hgnc', 'genes') },
  genes: { describe: 'alias of hgnc', run: bio('genes', 'genes') },
  uniprot: { describe: 'UniProtKB JSON (entry or search results), FASTA', run: bio('uniprot', 'proteins') },
  proteins: { describe: 'alias of uniprot', run: bio('proteins', 'proteins') },
  annotations: { describe: 'gene annotations: kidney-genetics table/API, gnomAD, GTEx, ClinVar, HPO, STRING, ...', run: bio('annotations', 'annotations') },
  alignments: { describe: 'EMBOSS, BLAST tabular/XML, aligner manifests and mutation calls', run: bio('alignments', 'alignments') },
  openlineage: {
    describe: 'OpenLineage RunEvent/DatasetEvent/JobEvent files (NDJSON, JSON array or single event)',
    run: async () => (await import('./openlineage-files.js')).runOpenLineageIngest,
  },
  bio: { describe: 'every bio format in a folder, in dependency order (HGNC first)', run: bio('bio', undefined) },
};

function bio(kind: string, bioKind: 'genes' | 'proteins' | 'annotations' | 'alignments' | undefined) {
  return async () => (await import('./bio.js')).bioRunner(kind, bioKind);
}

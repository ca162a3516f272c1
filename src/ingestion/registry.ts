import { HelixError } from '../errors.js';
import type { IngestRunner } from './types.js';

/**
 * `helix ingest <kind>`: each kind's runner (parse → map → shared writer → report), loaded on demand. Every runner
 * refuses a namespace or ingestion id outside their alphabets before it reads or writes anything.
 */
export const INGESTERS: Record<string, { describe: string; run: () => Promise<IngestRunner> }> = checked({
  dbt: {
    describe: 'dbt target/ folder or manifest.json (+ catalog, run_results, sources)',
    run: async () => (await import('./dbt.js')).runDbtIngest,
  },
  hgnc: { describe: 'HGNC genes: REST/Solr JSON, JSONL, TSV, withdrawn report (file or folder)', run: bio('hgnc', 'genes') },
  genes: { describe: 'alias of hgnc', run: bio('genes', 'genes') },
  uniprot: { describe: 'UniProtKB JSON (entry or search results), TSV, XML, FASTA', run: bio('uniprot', 'proteins') },
  proteins: { describe: 'alias of uniprot', run: bio('proteins', 'proteins') },
  annotations: { describe: 'gene annotations: kidney-genetics table/API, gnomAD, GTEx, ClinVar, HPO, STRING, CARD/RGI/ABRicate hits, ...', run: bio('annotations', 'annotations') },
  alignments: { describe: 'EMBOSS, BLAST tabular/XML, aligner manifests and mutation calls', run: bio('alignments', 'alignments') },
  openlineage: {
    describe: 'OpenLineage RunEvent/DatasetEvent/JobEvent files (NDJSON, JSON array or single event)',
    run: async () => (await import('./openlineage-files.js')).runOpenLineageIngest,
  },
  strategies: { describe: 'workflow strategy YAML and job/step tables (JSON)', run: prov('runStrategiesIngest') },
  imputation: { describe: 'imputation platform pg_dump files (jobs, status updates, services, panels)', run: prov('runImputationIngest') },
  rocrate: { describe: 'Workflow Run RO-Crates (ro-crate-metadata.json)', run: prov('runRoCrateIngest') },
  prov: { describe: 'W3C PROV-JSON and PROV-N documents, CWLProv included', run: prov('runProvIngest') },
  nextflow: { describe: 'Nextflow trace files and Tower/weblog message folders', run: prov('runNextflowIngest') },
  bio: { describe: 'every bio format in a folder, in dependency order (HGNC first)', run: bio('bio', undefined) },
});

function checked<T extends Record<string, { describe: string; run: () => Promise<IngestRunner> }>>(entries: T): T {
  for (const entry of Object.values(entries)) {
    const load = entry.run;
    entry.run = async () => {
      const [runner, { ingestRequestProblem }] = await Promise.all([load(), import('../../ingest/common/identifiers.js')]);
      return async (exec, path, o) => {
        const problem = ingestRequestProblem(o);
        if (problem) throw new HelixError('BAD_USER_INPUT', problem);
        return runner(exec, path, o);
      };
    };
  }
  return entries;
}

function bio(kind: string, bioKind: 'genes' | 'proteins' | 'annotations' | 'alignments' | undefined) {
  return async () => (await import('./bio.js')).bioRunner(kind, bioKind);
}

function prov(name: 'runStrategiesIngest' | 'runImputationIngest' | 'runRoCrateIngest' | 'runProvIngest' | 'runNextflowIngest') {
  return async () => (await import('./provenance.js'))[name];
}

/** Kinds accepted by `helix ingest <kind>`, in the order a directory is ingested (HGNC genes first). */
export const BIO_KINDS = ['genes', 'proteins', 'annotations', 'alignments'] as const;
export type BioKind = (typeof BIO_KINDS)[number];

/** Every format name `--format` accepts, with its kind and its rank within the kind (lower first). */
export const BIO_FORMATS = {
  'hgnc-json': { kind: 'genes', rank: 0, title: 'HGNC REST/Solr JSON (response.docs[]), doc array or single doc' },
  'hgnc-jsonl': { kind: 'genes', rank: 0, title: 'HGNC complete set, one JSON doc per line' },
  'hgnc-tsv': { kind: 'genes', rank: 0, title: 'hgnc_complete_set TSV' },
  'hgnc-withdrawn': { kind: 'genes', rank: 1, title: 'HGNC withdrawn/merged report' },
  'ensembl-biomart': { kind: 'genes', rank: 2, title: 'Ensembl BioMart gene table (annotation source ensembl)' },
  'ncbi-gene-jsonl': { kind: 'genes', rank: 2, title: 'NCBI Gene JSONL with GeneRIFs (annotation source ncbi-gene)' },
  // UniProt JSON/TSV/XML after FASTA: all own their proteins and the richer UniProt record should be written last.
  'uniprot-json': { kind: 'proteins', rank: 1, title: 'rest.uniprot.org entry / search results[] / ID-mapping results' },
  'uniprot-tsv': { kind: 'proteins', rank: 1, title: 'UniProtKB TSV (rest.uniprot.org format=tsv, any fields; legacy tab format)' },
  'uniprot-xml': { kind: 'proteins', rank: 1, title: 'UniProtKB XML (rest.uniprot.org format=xml, release files), streamed' },
  fasta: { kind: 'proteins', rank: 0, title: 'protein FASTA (UniProt, NCBI, GenomeAMR headers)' },
  'gnomad-v4-constraint': { kind: 'annotations', rank: 0, title: 'gnomAD v4 constraint metrics (v4.0, v4.1, v4.1.1; per transcript)' },
  'gnomad-varfish': { kind: 'annotations', rank: 0, title: 'gnomAD constraint per gene, varfish/annonars re-export' },
  'gtex-jsonl': { kind: 'annotations', rank: 0, title: 'GTEx TPM per tissue, varfish/annonars JSONL' },
  'clinvar-vcv-jsonl': { kind: 'annotations', rank: 0, title: 'ClinVar VCV records JSONL' },
  'clinvar-gene-report-jsonl': { kind: 'annotations', rank: 0, title: 'ClinVar per-gene impact counts JSONL' },
  'hpo-genes-to-phenotype': { kind: 'annotations', rank: 0, title: 'HPO genes_to_phenotype' },
  'string-clusters': { kind: 'annotations', rank: 0, title: 'STRING cluster indices CSV (kidney-genetics)' },
  'dbnsfp-genes': { kind: 'annotations', rank: 0, title: 'dbNSFP gene table' },
  'clingen-curation': { kind: 'annotations', rank: 0, title: 'ClinGen gene curation list' },
  'kidney-gene-table': { kind: 'annotations', rank: 0, title: 'Kidney-Genetics annotated gene table CSV(.gz)' },
  'kidney-annotation-api': { kind: 'annotations', rank: 0, title: 'kidney-genetics per-gene annotation API JSON' },
  'kidney-evidence': { kind: 'annotations', rank: 1, title: 'kidney-genetics literature / diagnostic panel evidence JSON' },
  'kidney-pipeline-config': { kind: 'annotations', rank: 2, title: 'kidney-genetics source registry YAML (annotations.yaml / datasources.yaml): pipeline Job and a Step per source' },
  'kidney-scraper-summary': { kind: 'annotations', rank: 2, title: 'kidney-genetics literature scraper run summary JSON: a Run that used publications and generated output files' },
  'genomeamr-cooccurrence': { kind: 'annotations', rank: 2, title: 'GenomeAMR co-occurrence analysis JSON/CSV' },
  'amr-gene-hits': { kind: 'annotations', rank: 0, title: 'AMR gene hit tables: GenomeAMR CARD coordinate CSVs and summary, RGI main output, ABRicate' },
  'genomeamr-coordinate-manifest': { kind: 'annotations', rank: 0, title: 'GenomeAMR coordinate_manifest.json: the coordinate Run, the genomes it used and the gene hits it generated' },
  'genomeamr-genome-metadata': { kind: 'annotations', rank: 0, title: 'GenomeAMR genome_metadata.json: downloaded genomes' },
  'genomeamr-harvest-checkpoint': { kind: 'annotations', rank: 2, title: 'GenomeAMR harvest_checkpoint.json: the NCBI harvest Run and its genomes' },
  'genomeamr-extraction-metadata': { kind: 'annotations', rank: 2, title: 'GenomeAMR extraction_metadata.json: the protein extraction Run' },
  emboss: { kind: 'alignments', rank: 0, title: 'EMBOSS water/needle/matcher/stretcher report' },
  'blast-tabular': { kind: 'alignments', rank: 0, title: 'BLAST tabular (-outfmt 6/7, 12/13/25 columns, RBH)' },
  'blast-xml': { kind: 'alignments', rank: 0, title: 'BLAST XML v1 (-outfmt 5)' },
  'genomeamr-manifest': { kind: 'alignments', rank: 1, title: 'GenomeAMR alignment_manifest.json' },
  'genomeamr-mutations': { kind: 'alignments', rank: 2, title: 'GenomeAMR {pipeline_id}_mutations.csv' },
} as const satisfies Record<string, { kind: BioKind; rank: number; title: string }>;

export type BioFormat = keyof typeof BIO_FORMATS;

export interface DetectedBioFormat {
  kind: BioKind;
  format: BioFormat;
}

export function isBioFormat(name: string): name is BioFormat {
  return Object.hasOwn(BIO_FORMATS, name);
}

export function detected(format: BioFormat): DetectedBioFormat {
  return { kind: BIO_FORMATS[format].kind, format };
}

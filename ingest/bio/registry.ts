import type { StreamedBatch } from '../core/graph.js';
import { readClinvarGeneReport, readClinvarVariants } from '../annotations/clinvar.js';
import { readEnsemblBiomart, readNcbiGeneJsonl } from '../annotations/ensembl-ncbi.js';
import { readClingenCuration, readDbnsfpGenes, readStringClusters } from '../annotations/gene-tables.js';
import { readGnomadV4Constraint } from '../annotations/gnomad-v4.js';
import { readGnomadVarfish } from '../annotations/gnomad-varfish.js';
import { readGtexJsonl } from '../annotations/gtex.js';
import { readHpoGenesToPhenotype } from '../annotations/hpo.js';
import { readKidneyAnnotationApi } from '../annotations/kidney-api.js';
import { readKidneyEvidence } from '../annotations/kidney-evidence.js';
import { readKidneyPipelineConfig, readKidneyScraperSummary } from '../annotations/kidney-pipeline.js';
import { readKidneyGeneTable } from '../annotations/kidney-table.js';
import { readBlastTabular } from '../alignments/blast-tabular.js';
import { readBlastXml } from '../alignments/blast-xml.js';
import { readEmboss } from '../alignments/emboss.js';
import { readGenomeAmrAnalysis } from '../alignments/genomeamr-analysis.js';
import { readGenomeAmrManifest } from '../alignments/genomeamr-manifest.js';
import { readGenomeAmrMutations } from '../alignments/genomeamr-mutations.js';
import { readAmrGeneHits } from '../genomeamr/amr-gene-hits.js';
import { readGenomeAmrCoordinateManifest } from '../genomeamr/coordinate-manifest.js';
import { readGenomeAmrExtractionMetadata } from '../genomeamr/extraction-metadata.js';
import { readGenomeAmrGenomeMetadata } from '../genomeamr/genome-metadata.js';
import { readGenomeAmrHarvestCheckpoint } from '../genomeamr/harvest-checkpoint.js';
import { readHgncJson, readHgncJsonl } from '../hgnc/hgnc-json.js';
import { readHgncTsv, readHgncWithdrawn } from '../hgnc/hgnc-tsv.js';
import { readProteinFasta } from '../uniprot/fasta.js';
import { readUniprotJson } from '../uniprot/uniprot-json.js';
import { readUniprotTsv } from '../uniprot/uniprot-tsv.js';
import { readUniprotXml } from '../uniprot/uniprot-xml.js';
import type { BioReadOptions } from './batch.js';
import type { BioFormat } from './formats.js';

export type BioReader = (file: string, opts?: BioReadOptions) => AsyncGenerator<StreamedBatch>;

export const BIO_READERS: Record<BioFormat, BioReader> = {
  'hgnc-json': readHgncJson,
  'hgnc-jsonl': readHgncJsonl,
  'hgnc-tsv': readHgncTsv,
  'hgnc-withdrawn': readHgncWithdrawn,
  'ensembl-biomart': readEnsemblBiomart,
  'ncbi-gene-jsonl': readNcbiGeneJsonl,
  'uniprot-json': readUniprotJson,
  'uniprot-tsv': readUniprotTsv,
  'uniprot-xml': readUniprotXml,
  fasta: readProteinFasta,
  'gnomad-v4-constraint': readGnomadV4Constraint,
  'gnomad-varfish': readGnomadVarfish,
  'gtex-jsonl': readGtexJsonl,
  'clinvar-vcv-jsonl': readClinvarVariants,
  'clinvar-gene-report-jsonl': readClinvarGeneReport,
  'hpo-genes-to-phenotype': readHpoGenesToPhenotype,
  'string-clusters': readStringClusters,
  'dbnsfp-genes': readDbnsfpGenes,
  'clingen-curation': readClingenCuration,
  'kidney-gene-table': readKidneyGeneTable,
  'kidney-annotation-api': readKidneyAnnotationApi,
  'kidney-evidence': readKidneyEvidence,
  'kidney-pipeline-config': readKidneyPipelineConfig,
  'kidney-scraper-summary': readKidneyScraperSummary,
  'genomeamr-cooccurrence': readGenomeAmrAnalysis,
  'amr-gene-hits': readAmrGeneHits,
  'genomeamr-coordinate-manifest': readGenomeAmrCoordinateManifest,
  'genomeamr-genome-metadata': readGenomeAmrGenomeMetadata,
  'genomeamr-harvest-checkpoint': readGenomeAmrHarvestCheckpoint,
  'genomeamr-extraction-metadata': readGenomeAmrExtractionMetadata,
  emboss: readEmboss,
  'blast-tabular': readBlastTabular,
  'blast-xml': readBlastXml,
  'genomeamr-manifest': readGenomeAmrManifest,
  'genomeamr-mutations': readGenomeAmrMutations,
};

/** Stream a bio file in a named format (as detected, or given with `--format`). */
export function readBioFile(file: string, format: BioFormat, opts: BioReadOptions = {}): AsyncGenerator<StreamedBatch> {
  return BIO_READERS[format](file, opts);
}

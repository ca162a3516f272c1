import type { StreamedBatch } from '../../ingest/core/graph.js';
import { readClinvarGeneReport, readClinvarVariants } from '../../ingest/annotations/clinvar.js';
import { readEnsemblBiomart, readNcbiGeneJsonl } from '../../ingest/annotations/ensembl-ncbi.js';
import { readClingenCuration, readDbnsfpGenes, readStringClusters } from '../../ingest/annotations/gene-tables.js';
import { readGnomadV4Constraint } from '../../ingest/annotations/gnomad-v4.js';
import { readGnomadVarfish } from '../../ingest/annotations/gnomad-varfish.js';
import { readGtexJsonl } from '../../ingest/annotations/gtex.js';
import { readHpoGenesToPhenotype } from '../../ingest/annotations/hpo.js';
import { readKidneyAnnotationApi } from '../../ingest/annotations/kidney-api.js';
import { readKidneyEvidence } from '../../ingest/annotations/kidney-evidence.js';
import { readKidneyPipelineConfig, readKidneyScraperSummary } from '../../ingest/annotations/kidney-pipeline.js';
import { readKidneyGeneTable } from '../../ingest/annotations/kidney-table.js';
import { readBlastTabular } from '../../ingest/alignments/blast-tabular.js';
import { readBlastXml } from '../../ingest/alignments/blast-xml.js';
import { readEmboss } from '../../ingest/alignments/emboss.js';
import { readGenomeAmrAnalysis } from '../../ingest/alignments/genomeamr-analysis.js';
import { readGenomeAmrManifest } from '../../ingest/alignments/genomeamr-manifest.js';
import { readGenomeAmrMutations } from '../../ingest/alignments/genomeamr-mutations.js';
import { readAmrGeneHits } from '../../ingest/genomeamr/amr-gene-hits.js';
import { readGenomeAmrCoordinateManifest } from '../../ingest/genomeamr/coordinate-manifest.js';
import { readGenomeAmrExtractionMetadata } from '../../ingest/genomeamr/extraction-metadata.js';
import { readGenomeAmrGenomeMetadata } from '../../ingest/genomeamr/genome-metadata.js';
import { readGenomeAmrHarvestCheckpoint } from '../../ingest/genomeamr/harvest-checkpoint.js';
import { readHgncJson, readHgncJsonl } from '../../ingest/hgnc/hgnc-json.js';
import { readHgncTsv, readHgncWithdrawn } from '../../ingest/hgnc/hgnc-tsv.js';
import { readProteinFasta } from '../../ingest/uniprot/fasta.js';
import { readUniprotJson } from '../../ingest/uniprot/uniprot-json.js';
import { readUniprotTsv } from '../../ingest/uniprot/uniprot-tsv.js';
import { readUniprotXml } from '../../ingest/uniprot/uniprot-xml.js';
import type { BioReadOptions } from '../../ingest/common/batch.js';
import type { BioFormat } from '../../ingest/bio/formats.js';

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

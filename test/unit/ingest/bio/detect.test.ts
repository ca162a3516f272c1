import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { detectBioFormat } from '../../../../ingest/bio/detect.js';
import { planBioDirectory } from '../../../../ingest/bio/directory.js';
import { BIO_FORMATS } from '../../../../ingest/bio/formats.js';
import { BIO_READERS } from '../../../../src/ingestion/bio-readers.js';
import { bioFixture } from '../collect.js';

/** What each hand-written fixture is; detection must agree from content alone. */
const EXPECTED: Record<string, string | undefined> = {
  'genes/hgnc_rest.json': 'hgnc-json',
  'genes/hgnc_info.jsonl': 'hgnc-jsonl',
  'genes/hgnc_complete_set.tsv': 'hgnc-tsv',
  'genes/hgnc_withdrawn.txt': 'hgnc-withdrawn',
  'genes/biomart_genes.txt': 'ensembl-biomart',
  'genes/ncbi_gene_info.jsonl': 'ncbi-gene-jsonl',
  'genes/hgnc_custom_download.txt': 'hgnc-tsv',
  'genes/hgnc_search.json': 'hgnc-json',
  'proteins/uniprot_entry.json': 'uniprot-json',
  'proteins/uniprot_search.json': 'uniprot-json',
  'proteins/idmapping.json': 'uniprot-json',
  'proteins/mixed.fasta': 'fasta',
  'proteins/uniprot_a1bg.json': 'uniprot-json',
  'proteins/uniprot_search.tsv': 'uniprot-tsv',
  'proteins/uniprot_legacy.tab': 'uniprot-tsv',
  'proteins/uniprot_entries.xml': 'uniprot-xml',
  'annotations/gnomad.v4.1.constraint_metrics.sample.tsv': 'gnomad-v4-constraint',
  'annotations/gnomad.v4.0.constraint_metrics.sample.tsv': 'gnomad-v4-constraint',
  'annotations/gnomad_constraints_v2.1.tsv': 'gnomad-varfish',
  'annotations/gnomad.v2.1.1.lof_metrics.by_gene.sample.txt': 'gnomad-varfish',
  'annotations/gtex_genes_tpm.jsonl': 'gtex-jsonl',
  'annotations/clinvar_variants.jsonl': 'clinvar-vcv-jsonl',
  'annotations/clinvar_gene_report.jsonl': 'clinvar-gene-report-jsonl',
  'annotations/genes_to_phenotype_legacy.txt': 'hpo-genes-to-phenotype',
  'annotations/genes_to_phenotype.2024-04-26.txt': 'hpo-genes-to-phenotype',
  'annotations/STRING_cluster_indices-2024-01-03.csv': 'string-clusters',
  'annotations/dbnsfp_genes.tsv': 'dbnsfp-genes',
  'annotations/ClinGen_gene_curation_list_GRCh38.tsv': 'clingen-curation',
  'annotations/kidney_annotated.2023-11-22.csv': 'kidney-gene-table',
  'annotations/kidney_gene_annotations.json': 'kidney-annotation-api',
  'annotations/kidney_gene_annotations.jsonl': 'kidney-annotation-api',
  'annotations/literature_pmid_12345678.json': 'kidney-evidence',
  'annotations/kidney_annotation_sources.yaml': 'kidney-pipeline-config',
  'annotations/kidney_literature_summary.json': 'kidney-scraper-summary',
  'annotations/panel_provider.json': 'kidney-evidence',
  'alignments/two_alignments.needle': 'emboss',
  'alignments/GCF_000005825.2_acrB_alignment.water': 'emboss',
  'alignments/legacy_global.needle': 'emboss',
  'alignments/sparse_three.txt': 'emboss',
  'alignments/hits.m8': 'blast-tabular',
  'alignments/commented.blasttab': 'blast-tabular',
  'alignments/extended25.tabular': 'blast-tabular',
  'alignments/rbh.tabular': 'blast-tabular',
  'alignments/blast.xml': 'blast-xml',
  'alignments/alignment_manifest.json': 'genomeamr-manifest',
  'alignments/RUN42_mutations.csv': 'genomeamr-mutations',
  'alignments/example_analysis.json': 'genomeamr-cooccurrence',
  'alignments/example_analysis.csv': 'genomeamr-cooccurrence',
  'genomeamr/GCF_900000001.1_card.csv': 'amr-gene-hits',
  'genomeamr/GCF_900000001.1_rgi.txt': 'amr-gene-hits',
  'genomeamr/sample_abricate.tsv': 'amr-gene-hits',
  'genomeamr/coordinate_manifest.json': 'genomeamr-coordinate-manifest',
  'genomeamr/genome_metadata.json': 'genomeamr-genome-metadata',
  'genomeamr/harvest_checkpoint.json': 'genomeamr-harvest-checkpoint',
  'genomeamr/extraction_metadata.json': 'genomeamr-extraction-metadata',
};

describe('detectBioFormat', () => {
  it.each(Object.entries(EXPECTED))('%s → %s', async (rel, format) => {
    const bytes = await readFile(bioFixture(...rel.split('/')));
    expect(detectBioFormat(rel, bytes)?.format).toBe(format);
  });

  it('reads FASTA, gzip and says nothing about unknown content', () => {
    expect(detectBioFormat('x', '>sp|P1|X\nMKV\n')).toEqual({ kind: 'proteins', format: 'fasta' });
    expect(detectBioFormat('x', gzipSync('>sp|P1|X\nMKV\n'))?.format).toBe('fasta');
    expect(detectBioFormat('x', 'just some notes\n')).toBeUndefined();
    expect(detectBioFormat('x', '')).toBeUndefined();
  });

  it('tells UniProtKB TSV and XML from other tables and XML', () => {
    expect(detectBioFormat('x', 'Entry\nP04217\nO60500\n')?.format).toBe('uniprot-tsv');
    expect(detectBioFormat('x', 'Entry\tGene Names\nP04217\tA1BG\n')?.format).toBe('uniprot-tsv');
    expect(detectBioFormat('x', 'From\tEntry\tEntry Name\tReviewed\nA1BG\tP04217\tA1BG_HUMAN\treviewed\n')?.format).toBe('uniprot-tsv');
    expect(detectBioFormat('x', 'Entry\nnot an accession\n')).toBeUndefined();
    expect(detectBioFormat('x', 'id\tEntry\tvalue\n1\t2\t3\n')).toBeUndefined();
    const entry = '<entry xmlns="http://uniprot.org/uniprot" dataset="Swiss-Prot"><accession>P04217</accession></entry>';
    expect(detectBioFormat('x', entry)).toEqual({ kind: 'proteins', format: 'uniprot-xml' });
    expect(detectBioFormat('x', gzipSync(`<?xml version="1.0"?>\n<!-- release 2024_06 -->\n<uniprot xmlns="http://uniprot.org/uniprot">\n${entry}`))?.format).toBe('uniprot-xml');
    expect(detectBioFormat('x', '<entry dataset="Swiss-Prot"><accession>P04217</accession></entry>')).toBeUndefined();
    expect(detectBioFormat('x', '<?xml version="1.0"?>\n<UniRef90 xmlns="http://uniprot.org/uniref">')).toBeUndefined();
  });

  it('AMR hit tables by their columns, without taking the mutation, co-occurrence, kidney or BLAST tables', () => {
    const format = (text: string) => detectBioFormat('x', text)?.format;
    expect(format('Accession,Gene_Name,Contig_ID,Start,End,Strand,Cut_Off,Best_Hit_ARO\nGCF_1.1,acrB,c1,1,9,+,Strict,ARO:3000216\n')).toBe('amr-gene-hits');
    expect(format('ORF_ID\tContig\tStart\tStop\tOrientation\tBest_Hit_ARO\tDrug Class\nc_1\tc\t1\t9\t+\tacrB\tx\n')).toBe('amr-gene-hits');
    expect(format('#FILE\tSEQUENCE\tSTART\tEND\tSTRAND\tGENE\t%IDENTITY\na.fna\tc1\t1\t9\t+\tfimH\t99\n')).toBe('amr-gene-hits');
    expect(format('accession,gene_name,position,reference_aa,variant_aa,contig_id,start,end,drug_class\nGCF_1.1,acrB,31,K,P,c,1,9,x\n')).toBe('genomeamr-mutations');
    expect(format('genes,mutation_type,genome_count,contig,start,end,drug_class,gene\n"[\'acrA\']",x,3,c,1,9,x,acrA\n')).toBe('genomeamr-cooccurrence');
    expect(format('approved_symbol,hgnc_id,evidence_count,gene,contig,start,end,cut_off\nPKD1,HGNC:1,5,x,c,1,9,x\n')).toBe('kidney-gene-table');
    expect(format('# BLASTP 2.14.0+\n# Fields: query acc., subject acc.\ngene\tcontig\tstart\tend\tcut_off\n')).toBe('blast-tabular');
    expect(format('gene,contig,start,end\nacrB,c1,1,9\n')).toBeUndefined();
  });

  it('every fixture of the tree is named above, and every format has a reader', async () => {
    const all: string[] = [];
    for (const sub of ['genes', 'proteins', 'annotations', 'alignments', 'genomeamr']) {
      for (const f of await readdir(bioFixture(sub))) all.push(`${sub}/${f}`);
    }
    expect(all.sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(Object.keys(BIO_READERS).sort()).toEqual(Object.keys(BIO_FORMATS).sort());
  });
});

describe('planBioDirectory', () => {
  it('orders files genes (HGNC first), proteins, annotations, alignments and lists what it skips', async () => {
    const plan = await planBioDirectory(bioFixture());
    const kinds = plan.files.map((f) => f.kind);
    expect(kinds).toEqual([...kinds].sort((a, b) => ['genes', 'proteins', 'annotations', 'alignments'].indexOf(a) - ['genes', 'proteins', 'annotations', 'alignments'].indexOf(b)));
    const withdrawn = plan.files.findIndex((f) => f.format === 'hgnc-withdrawn');
    expect(new Set(plan.files.slice(0, withdrawn).map((f) => f.format))).toEqual(new Set(['hgnc-json', 'hgnc-jsonl', 'hgnc-tsv']));
    expect(plan.files.slice(withdrawn + 1).some((f) => ['hgnc-json', 'hgnc-jsonl', 'hgnc-tsv'].includes(f.format))).toBe(false);
    expect(plan.files.findIndex((f) => f.format === 'genomeamr-mutations')).toBeGreaterThan(plan.files.findIndex((f) => f.format === 'emboss'));
    expect(plan.skipped).toEqual([]);
    const onlyProteins = await planBioDirectory(bioFixture(), 'proteins');
    expect(onlyProteins.files.map((f) => f.format).sort()).toEqual(['fasta', 'uniprot-json', 'uniprot-json', 'uniprot-json', 'uniprot-json', 'uniprot-tsv', 'uniprot-tsv', 'uniprot-xml']);
    expect(onlyProteins.files[0]?.format).toBe('fasta');
    expect(onlyProteins.skipped.map((s) => path.basename(s.file))).toContain('hgnc_rest.json');
  });
});

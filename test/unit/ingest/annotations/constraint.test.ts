import { describe, expect, it } from 'vitest';
import { GeneIdIndex } from '../../../../ingest/common/bio/gene-index.js';
import { readGnomadV4Constraint } from '../../../../ingest/annotations/gnomad-v4.js';
import { readGnomadVarfish } from '../../../../ingest/annotations/gnomad-varfish.js';
import { readGtexJsonl } from '../../../../ingest/annotations/gtex.js';
import { readClinvarGeneReport, readClinvarVariants } from '../../../../ingest/annotations/clinvar.js';
import { assertStorable, bioFixture, codes, collect, edgesOf, nodeByUrn, withLabel } from '../collect.js';

const v41 = bioFixture('annotations', 'gnomad.v4.1.constraint_metrics.sample.tsv');

describe('gnomAD v4.1 constraint (per transcript)', () => {
  it('one Annotation per gene from the Ensembl canonical MANE transcript, others counted', async () => {
    const c = await collect(readGnomadV4Constraint(v41));
    assertStorable(c);
    const pkd1 = nodeByUrn(c, 'urn:annotation:urn:gene:ensembl:ENSG00000008710:gnomad:4.1');
    expect(pkd1.props).toMatchObject({
      source: 'gnomad',
      version: '4.1',
      transcript: 'ENST00000262304',
      canonical: true,
      maneSelect: true,
      pli: 0.99999,
      loeuf: 0.58,
      oeLofUpper: 0.58,
      oeLof: 0.45833,
      lofZ: 5.2,
      misZ: 1.3,
      transcriptCount: 3,
    });
    expect(JSON.parse(pkd1.props.dataJson as string)).toMatchObject({ transcript: 'ENST00000262304', 'lof.pLI': '9.9999e-01', chromosome: 'chr16' });
    expect(nodeByUrn(c, 'urn:gene:ensembl:ENSG00000008710')).toMatchObject({ mode: 'reference', props: { symbol: 'PKD1', entrezId: '5310' } });
    expect(nodeByUrn(c, 'urn:annotation-source:gnomad:4.1').props).toMatchObject({ name: 'gnomad', version: '4.1' });
    expect(edgesOf(c, 'HAS_ANNOTATION')).toHaveLength(3);
    expect(edgesOf(c, 'FROM_SOURCE').every((e) => e.to === 'urn:annotation-source:gnomad:4.1')).toBe(true);
  });

  it('reports genes without a canonical transcript, NA as missing and bad numbers', async () => {
    const c = await collect(readGnomadV4Constraint(v41));
    const umod = nodeByUrn(c, 'urn:annotation:urn:gene:ensembl:ENSG00000169344:gnomad:4.1');
    expect(umod.props).toMatchObject({ transcript: 'ENST00000396134', pli: 1.2345e-7, constraintFlags: ['no_variants', 'outlier'] });
    expect(c.issues.find((i) => i.code === 'GNOMAD_NO_CANONICAL')?.subject).toBe('urn:gene:ensembl:ENSG00000169344');
    const nphs2 = nodeByUrn(c, 'urn:annotation:urn:gene:ensembl:ENSG00000116218:gnomad:4.1');
    expect(nphs2.props.pli).toBeUndefined();
    expect(nphs2.props.oeLof).toBeUndefined();
    expect(c.issues.find((i) => i.code === 'BAD_NUMBER')?.line).toBe(7);
  });

  it('ends batches on gene boundaries so positions resume at a gene', async () => {
    const c = await collect(readGnomadV4Constraint(v41, { batchSize: 1 }));
    expect(c.batches.map((b) => b.position)).toEqual([3, 5, 6]);
    const resumed = await collect(readGnomadV4Constraint(v41, { skip: 3 }));
    expect(withLabel(resumed, 'Annotation').map((n) => n.props.transcript)).toEqual(['ENST00000396134', 'ENST00000367615']);
  });

  it('resolves genes to HGNC urns through the gene index', async () => {
    const index = new GeneIdIndex();
    index.add({ hgncId: 'HGNC:9008', symbol: 'PKD1', ensemblGeneId: 'ENSG00000008710' });
    const c = await collect(readGnomadV4Constraint(v41, { geneIndex: index }));
    expect(nodeByUrn(c, 'urn:annotation:HGNC:9008:gnomad:4.1').props.geneUrn).toBe('HGNC:9008');
  });
});

describe('gnomAD varfish re-export', () => {
  it('takes the release from the file name and falls back to the symbol urn', async () => {
    const c = await collect(readGnomadVarfish(bioFixture('annotations', 'gnomad_constraints_v2.1.tsv')));
    expect(nodeByUrn(c, 'urn:annotation:urn:gene:ensembl:ENSG00000008710:gnomad:2.1').props).toMatchObject({ pli: 1, loeuf: 0.6, misZ: 2.3177, level: 'gene' });
    expect(nodeByUrn(c, 'urn:annotation:urn:gene:symbol:9606:ORPHANSYM:gnomad:2.1')).toBeDefined();
    expect(c.issues.find((i) => i.code === 'GENE_UNIDENTIFIED')?.line).toBe(4);
  });
});

describe('gnomAD v2.1.1 original lof_metrics.by_gene', () => {
  it('reads gene/gene_id/transcript columns with the shared typed names', async () => {
    const c = await collect(readGnomadVarfish(bioFixture('annotations', 'gnomad.v2.1.1.lof_metrics.by_gene.sample.txt')));
    expect(nodeByUrn(c, 'urn:annotation:urn:gene:ensembl:ENSG00000008710:gnomad:2.1.1').props).toMatchObject({
      transcript: 'ENST00000262304',
      pli: 1,
      loeuf: 0.25,
      lofZ: 9.1,
      misZ: 2.1,
      oeLof: 0.166,
    });
    expect(nodeByUrn(c, 'urn:gene:ensembl:ENSG00000169344').props.symbol).toBe('UMOD');
  });
});

describe('GTEx JSONL', () => {
  it('stores tissues as JSON and names the top tissue', async () => {
    const c = await collect(readGtexJsonl(bioFixture('annotations', 'gtex_genes_tpm.jsonl'), { version: 'v8' }));
    const umod = nodeByUrn(c, 'urn:annotation:HGNC:12559:gtex:v8');
    expect(umod.props).toMatchObject({ topTissue: 'Kidney - Cortex', topTissueMedianTpm: 1200.5, tissueCount: 2 });
    expect(JSON.parse(umod.props.tissuesJson as string)['Liver'].median).toBe(0.1);
    expect(nodeByUrn(c, 'HGNC:12559').props.ensemblGeneVersion).toBe('15');
    expect(codes(c)).not.toContain('ANNOTATION_VERSION_UNKNOWN');
  });

  it('says when no release is known', async () => {
    const c = await collect(readGtexJsonl(bioFixture('annotations', 'gtex_genes_tpm.jsonl')));
    expect(codes(c)).toContain('ANNOTATION_VERSION_UNKNOWN');
    expect(nodeByUrn(c, 'urn:annotation:HGNC:9008:gtex:unknown').props.tissueCount).toBe(0);
  });
});

describe('ClinVar', () => {
  it('per-gene report: counts by significance summed over impacts', async () => {
    const c = await collect(readClinvarGeneReport(bioFixture('annotations', 'clinvar_gene_report.jsonl'), { version: '2024-05' }));
    expect(nodeByUrn(c, 'urn:annotation:HGNC:9008:clinvar:2024-05').props).toMatchObject({
      countPathogenic: 5,
      countLikelyPathogenic: 1,
      countUncertainSignificance: 10,
      variantCount: 16,
      impacts: ['missense_variant', 'stop_gained'],
    });
  });

  it('VCV records: one versioned Annotation per named gene, citing PubMed', async () => {
    const c = await collect(readClinvarVariants(bioFixture('annotations', 'clinvar_variants.jsonl'), { version: '2024-05' }));
    const a = nodeByUrn(c, 'urn:annotation:HGNC:9008:clinvar/VCV000000100:4');
    expect(a.props).toMatchObject({ significance: 'Likely pathogenic', variantVersion: 4, chromosome: '16', conditions: ['Polycystic kidney disease 1'], sourceItem: 'VCV000000100' });
    expect(nodeByUrn(c, 'urn:annotation:HGNC:9009:clinvar/VCV000000100:4')).toBeDefined();
    expect(edgesOf(c, 'CITES').map((e) => e.to)).toEqual(['PMID:20613862', 'PMID:20613862']);
    expect(nodeByUrn(c, 'PMID:20613862')).toMatchObject({ labels: ['Publication'], mode: 'reference' });
    expect(c.issues.find((i) => i.code === 'CLINVAR_NO_GENE')?.line).toBe(2);
  });
});

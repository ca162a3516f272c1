import { describe, expect, it } from 'vitest';
import { alignmentUrn } from '../../../../ingest/alignments/alignment-node.js';
import { readEmboss } from '../../../../ingest/alignments/emboss.js';
import { readGenomeAmrAnalysis } from '../../../../ingest/alignments/genomeamr-analysis.js';
import { readGenomeAmrManifest } from '../../../../ingest/alignments/genomeamr-manifest.js';
import { readGenomeAmrMutations } from '../../../../ingest/alignments/genomeamr-mutations.js';
import { assertStorable, bioFixture, codes, collect, edgesOf, nodeByUrn, withLabel } from '../collect.js';

const file = (name: string) => bioFixture('alignments', name);
const acrB = alignmentUrn('GCF_000005825.2_acrB_alignment.water', 0, 'GCF_000005825.2_acrB', 'wildtype_acrB');

describe('GenomeAMR alignment manifest', () => {
  it('maps each listed alignment onto the urn its EMBOSS file gets', async () => {
    const c = await collect(readGenomeAmrManifest(file('alignment_manifest.json')));
    assertStorable(c);
    const water = await collect(readEmboss(file('GCF_000005825.2_acrB_alignment.water')));
    expect(withLabel(water, 'Alignment')[0]!.urn).toBe(acrB);
    expect(nodeByUrn(c, acrB).props).toMatchObject({
      program: 'water',
      identityPercent: 99.8,
      similarityPercent: 100,
      length: 1049,
      gaps: 0,
      score: 5123,
      confidenceLevel: 'HIGH',
      coverageQuery: 100,
      referenceOrganism: 'Escherichia coli K-12 MG1655',
      sourceFile: 'GCF_000005825.2_acrB_alignment.water',
      genomeAccession: 'GCF_000005825.2',
    });
    expect(nodeByUrn(c, acrB).mode).toBe('reference');
    const tolC = alignmentUrn('GCF_000007123.1_tolC_alignment.water', 0, 'GCF_000007123.1_tolC', 'wildtype_tolC');
    expect(nodeByUrn(c, tolC).props).toMatchObject({ program: 'biopython-pairwise', identityPercent: 85, confidenceLevel: 'MEDIUM' });
    expect(nodeByUrn(c, 'urn:sequence:local:GCF_000005825.2_acrB').props).toMatchObject({ checksum: '0123456789abcdef' });
    expect(codes(c)).toEqual(expect.arrayContaining(['GENOMEAMR_ACCESSION_FAILED', 'GENOMEAMR_ALIGNMENTS_FAILED', 'GENOMEAMR_ALIGNMENT_WITHOUT_GENE']));
    expect(c.position).toBe(2);
  });
});

describe('GenomeAMR mutation CSV', () => {
  it('each call is a Mutation on the wild-type reference, revealed by the genome alignment', async () => {
    const c = await collect(readGenomeAmrMutations(file('RUN42_mutations.csv')));
    assertStorable(c);
    const k31p = nodeByUrn(c, 'urn:mutation:urn:sequence:local:wildtype_acrB:K31P');
    expect(k31p.mode).toBeUndefined();
    expect(k31p.props).toMatchObject({ position: 31, referenceResidue: 'K', variantResidue: 'P', mutationType: 'substitution', significance: 'resistance', confidence: 0.95 });
    expect(nodeByUrn(c, 'urn:mutation:urn:sequence:local:wildtype_acrB:A101D').props.mutationType).toBe('substitution');
    expect(nodeByUrn(c, 'urn:mutation:urn:sequence:local:wildtype_tolC:G12-').props.mutationType).toBe('deletion');
    expect(nodeByUrn(c, 'urn:mutation:urn:sequence:local:wildtype_tolC:-40L').props.mutationType).toBe('insertion');
    const reveals = edgesOf(c, 'REVEALS').find((e) => e.to === k31p.urn)!;
    expect(reveals.from).toBe(acrB);
    expect(reveals.props).toMatchObject({ genomeAccession: 'GCF_000005825.2', pipelineId: 'RUN42' });
    expect(nodeByUrn(c, acrB).mode).toBe('reference');
    expect(c.issues.find((i) => i.code === 'GENOMEAMR_MUTATION_INCOMPLETE')?.line).toBe(5);
    expect(c.issues.find((i) => i.code === 'GENOMEAMR_MUTATION_TYPE')?.line).toBe(6);
  });

  it('the EMBOSS reading of the same alignment reveals the same mutation nodes', async () => {
    const csv = await collect(readGenomeAmrMutations(file('RUN42_mutations.csv')));
    const water = await collect(readEmboss(file('GCF_000005825.2_acrB_alignment.water')));
    const fromWater = edgesOf(water, 'REVEALS').map((e) => e.to);
    const fromCsv = edgesOf(csv, 'REVEALS').filter((e) => e.from === acrB).map((e) => e.to);
    expect(fromCsv).toEqual(fromWater);
  });
});

describe('GenomeAMR co-occurrence analysis', () => {
  it('JSON with bare NaN and "False": one Annotation per gene and pattern', async () => {
    const c = await collect(readGenomeAmrAnalysis(file('example_analysis.json'), { taxonId: '562' }));
    assertStorable(c);
    const pair = nodeByUrn(c, 'urn:annotation:urn:gene:symbol:562:ACRB:genomeamr-cooccurrence/acrA+acrB:2025-09-15T11:06:11.212309');
    expect(pair.props).toMatchObject({ coGenes: ['acrA'], genomeCount: 2, frequency: 0.5, isSignificant: false, enrichmentScore: 1.3333333333333333, genomes: ['G1', 'G2'] });
    expect(pair.props.pValue).toBeUndefined();
    expect(withLabel(c, 'Annotation')).toHaveLength(3);
    expect(codes(c)).toEqual(expect.arrayContaining(['GENOMEAMR_PATTERN_WITHOUT_GENES', 'JSON_NON_STANDARD_NUMBER']));
    expect(codes(c)).not.toContain('GENE_TAXON_ASSUMED');
  });

  it('CSV with Python list cells', async () => {
    const c = await collect(readGenomeAmrAnalysis(file('example_analysis.csv'), { version: '2025-09-15' }));
    const single = nodeByUrn(c, 'urn:annotation:urn:gene:symbol:9606:ACRA:genomeamr-cooccurrence/acrA:2025-09-15');
    expect(single.props).toMatchObject({ genomes: ['G1', 'G2', 'G3'], percentage: 75, mutationTypes: ['acrA_mutated'] });
    expect(single.props.isSignificant).toBeUndefined();
    expect(codes(c)).toContain('GENE_TAXON_ASSUMED');
  });
});

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { alignmentUrn } from '../../../../ingest/alignments/alignment-node.js';
import { readEmboss } from '../../../../ingest/alignments/emboss.js';
import { assertStorable, bioFixture, codes, collect, edgesOf, nodeByUrn, withLabel } from '../collect.js';

const file = (name: string) => bioFixture('alignments', name);

describe('EMBOSS srspair report', () => {
  it('reads every alignment with every header field', async () => {
    const c = await collect(readEmboss(file('two_alignments.needle')));
    assertStorable(c);
    const [a, b] = withLabel(c, 'Alignment');
    expect(a!.urn).toBe(alignmentUrn('two_alignments.needle', 0, 'mutant_1', 'P98161'));
    expect(a!.props).toMatchObject({
      program: 'needle',
      alignFormat: 'srspair',
      matrix: 'EBLOSUM62',
      gapOpen: 10,
      gapExtend: 0.5,
      length: 61,
      identity: 58,
      identityPercent: 95.1,
      similarity: 60,
      similarityPercent: 98.4,
      gaps: 1,
      gapsPercent: 1.6,
      score: 301.5,
      queryStart: 1,
      queryEnd: 60,
      referenceStart: 1,
      referenceEnd: 61,
      sourceFile: 'two_alignments.needle',
      commandLine: 'needle -asequence mutant.fa -bsequence P98161.fa -gapopen 10.0',
    });
    expect(b!.props).toMatchObject({ matrix: 'EDNAFULL', queryStart: 112, queryEnd: 101, queryDescending: true, referenceEnd: 12 });
    expect(codes(c)).toEqual([]);
  });

  it('links query and reference (UniProt-looking ids become Proteins) and derives substitutions', async () => {
    const c = await collect(readEmboss(file('two_alignments.needle')));
    const a = withLabel(c, 'Alignment')[0]!;
    expect(edgesOf(c, 'QUERY').find((e) => e.from === a.urn)?.to).toBe('urn:sequence:local:mutant_1');
    expect(edgesOf(c, 'REFERENCE').find((e) => e.from === a.urn)?.to).toBe('P98161');
    expect(nodeByUrn(c, 'P98161')).toMatchObject({ labels: ['Protein'], mode: 'reference' });
    const revealed = edgesOf(c, 'REVEALS').filter((e) => e.from === a.urn).map((e) => e.to);
    expect(revealed).toEqual(['urn:mutation:P98161:A5V', 'urn:mutation:P98161:D61E']);
    expect(nodeByUrn(c, 'urn:mutation:P98161:D61E').props).toMatchObject({ position: 61, referenceResidue: 'D', variantResidue: 'E', mutationType: 'substitution' });
    // Read off an alignment, a substitution is referenced; a mutation call file owns it.
    expect(nodeByUrn(c, 'urn:mutation:P98161:D61E').mode).toBe('reference');
    expect(edgesOf(c, 'AFFECTS').map((e) => e.to)).toContain('P98161');
    // Descending query, DNA: one substitution at reference position 9 (T → A).
    expect(edgesOf(c, 'REVEALS').filter((e) => e.from !== a.urn).map((e) => e.to)).toEqual(['urn:mutation:urn:sequence:local:seqfwd:T9A']);
  });

  it('GenomeAMR aligner files: query/reference names resolved from the file name', async () => {
    const c = await collect(readEmboss(file('GCF_000005825.2_acrB_alignment.water')));
    const a = withLabel(c, 'Alignment')[0]!;
    expect(a.props).toMatchObject({ queryId: 'GCF_000005825.2_acrB', referenceId: 'wildtype_acrB', identity: 1047, length: 1049 });
    expect(edgesOf(c, 'REVEALS').map((e) => e.to)).toEqual([
      'urn:mutation:urn:sequence:local:wildtype_acrB:K31P',
      'urn:mutation:urn:sequence:local:wildtype_acrB:A101D',
    ]);
  });
});

describe('older EMBOSS layouts', () => {
  it('pre-Align_format file with a block where one sequence contributes nothing, and a 3-sequence alignment', async () => {
    const c = await collect(readEmboss(file('sparse_three.txt')));
    const [sparse, multi] = withLabel(c, 'Alignment');
    expect(sparse!.props).toMatchObject({ alignFormat: 'unknown', length: 14, identity: 3, queryEnd: 14, referenceStart: 1, referenceEnd: 4 });
    expect(sparse!.props.referenceAligned).toBe('----------AKSL');
    expect(edgesOf(c, 'REVEALS').filter((e) => e.from === sparse!.urn).map((e) => e.to)).toEqual(['urn:mutation:urn:sequence:local:SHORT_HUMAN:K2S']);
    expect(multi!.props).toMatchObject({ sequenceCount: 3, memberIds: ['IXI_1', 'IXI_2', 'IXI_3'] });
    expect(edgesOf(c, 'QUERY').filter((e) => e.from === multi!.urn).map((e) => e.to)).toEqual(['urn:sequence:local:IXI_1', 'urn:sequence:local:IXI_3']);
    expect(codes(c)).toEqual(['EMBOSS_MULTIPLE_ALIGNMENT']);
  });

  it('pre-srspair Global: layout with dots for gaps', async () => {
    const c = await collect(readEmboss(file('legacy_global.needle')));
    const a = withLabel(c, 'Alignment')[0]!;
    expect(a.props).toMatchObject({ program: 'needle', alignFormat: 'legacy', score: 99.5, identityPercent: 60, similarityPercent: 70, queryEnd: 17, referenceEnd: 15 });
    expect(a.props.queryAligned).toBe('MKVLAAGIVGL--ANWSPQ');
    expect(a.props.referenceAligned).toBe('--VLCAGLVG-PPANWTP-');
    expect(JSON.parse(a.props.headerJson as string)).toMatchObject({ 'Overall %id': '55.00' });
    expect(codes(c)).toEqual([]);
  });

  it('unnamed sequences (web front ends) get distinct per-alignment ids', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'helix-emboss-'));
    const file = path.join(dir, 'outfile');
    await writeFile(
      file,
      ['#=======================================', '# Aligned_sequences: 2', '# 1: ', '# 2: ', '# Length: 4', '# Identity:       3/4 (75.0%)', '# Score: 12.0',
        '#=======================================', '', '                2515 ACGT   2518', '                     ||.|', '                   2 ACCT      5', ''].join('\n'),
    );
    const c = await collect(readEmboss(file));
    expect(withLabel(c, 'Alignment')[0]!.props).toMatchObject({ queryId: 'outfile#0:query', referenceId: 'outfile#0:reference', queryStart: 2515, referenceEnd: 5 });
    expect(edgesOf(c, 'REVEALS').map((e) => e.to)).toEqual(['urn:mutation:urn:sequence:local:outfile#0:reference:C4G']);
  });

  it('a file that is no EMBOSS report is an error, not a crash', async () => {
    const c = await collect(readEmboss(file('hits.m8')));
    expect(codes(c)).toContain('EMBOSS_NO_ALIGNMENT');
    expect(withLabel(c, 'Alignment')).toEqual([]);
  });
});

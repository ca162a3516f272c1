import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { alignmentUrn } from '../../../../ingest/alignments/alignment-node.js';
import { readBlastTabular } from '../../../../ingest/alignments/blast-tabular.js';
import { readBlastXml } from '../../../../ingest/alignments/blast-xml.js';
import { assertStorable, bioFixture, codes, collect, edgesOf, withLabel } from '../collect.js';

const file = (name: string) => bioFixture('alignments', name);

describe('BLAST tabular', () => {
  it('12 std columns: bare ids resolved (UniProt → Protein, RefSeq → Sequence, other → local)', async () => {
    const c = await collect(readBlastTabular(file('hits.m8')));
    assertStorable(c);
    const [a, b] = withLabel(c, 'Alignment');
    expect(a!.urn).toBe(alignmentUrn('hits.m8', 0, 'P98161', 'NP_000287.3'));
    expect(a!.props).toMatchObject({ identityPercent: 96.552, length: 348, mismatches: 12, gapOpens: 0, evalue: 0, bitScore: 701, queryStart: 1, referenceEnd: 348 });
    expect(edgesOf(c, 'REFERENCE').map((e) => e.to)).toEqual(['urn:sequence:refseq:NP_000287.3', 'urn:sequence:local:mystery', 'urn:sequence:local:X']);
    expect(b!.props).toMatchObject({ evalue: 4e-20, referenceStart: 20, referenceEnd: 11, referenceDescending: true });
    expect(c.issues.find((i) => i.code === 'BAD_NUMBER')?.line).toBe(3);
  });

  it('-outfmt 7: # Fields names the columns, subject-id lists keep aliases, 0-hit queries are counted', async () => {
    const c = await collect(readBlastTabular(file('commented.blasttab')));
    const [a] = withLabel(c, 'Alignment');
    expect(a!.props).toMatchObject({ program: 'blastp', programVersion: 'BLASTP 2.16.0+', database: 'swissprot', similarityPercent: 100, bitScore: 45.1 });
    expect(a!.props.referenceAliases).toEqual(['gi|456|ref|NP_000287.3|']);
    expect(edgesOf(c, 'REFERENCE').map((e) => e.to)).toEqual(['P98161', 'urn:sequence:genbank:AAB41523.1']);
    expect(edgesOf(c, 'QUERY').map((e) => e.to)).toEqual(['P98161', 'P98161']);
    expect(c.stats.queriesWithoutHits).toBe(1);
  });

  it('25 extended columns: the full subject id from sallseqid, aligned sequences, optional substitutions', async () => {
    const c = await collect(readBlastTabular(file('extended25.tabular'), { deriveMutations: true }));
    const [a] = withLabel(c, 'Alignment');
    expect(a!.props).toMatchObject({ identity: 9, similarity: 10, score: 20, queryLength: 4303, queryAligned: 'MPPAAPARLA', referenceTitle: 'polycystin-1 [Homo sapiens]' });
    expect(edgesOf(c, 'REFERENCE')[0]!.to).toBe('urn:sequence:refseq:NP_000287.3');
    expect(edgesOf(c, 'REVEALS').map((e) => e.to)).toEqual(['urn:mutation:urn:sequence:refseq:NP_000287.3:V5A']);
  });

  it('reciprocal-best-hit tables', async () => {
    const c = await collect(readBlastTabular(file('rbh.tabular')));
    expect(withLabel(c, 'Alignment')[0]!.props).toMatchObject({ program: 'blast-rbh', queryCoverage: 100, identityPercent: 100, bitScore: 38.1 });
  });

  it('an unknown width without # Fields is reported per row', async () => {
    const c = await collect(readBlastTabular(bioFixture('genes', 'biomart_genes.txt')));
    expect(codes(c).filter((x) => x === 'BLAST_UNKNOWN_LAYOUT')).toHaveLength(4);
  });
});

describe('BLAST XML v1', () => {
  it('iterations are queries; generic Query_n / gnl|BL_ORD_ID ids are replaced by the definition line', async () => {
    const c = await collect(readBlastXml(file('blast.xml')));
    assertStorable(c);
    const hsps = withLabel(c, 'Alignment');
    expect(hsps).toHaveLength(2);
    expect(hsps[0]!.props).toMatchObject({
      program: 'blastp',
      database: 'db/mini & small',
      matrix: 'BLOSUM62',
      gapOpen: 11,
      identity: 9,
      identityPercent: 90,
      similarity: 10,
      score: 98,
      bitScore: 40.5,
      evalue: 1.5e-10,
      referenceStart: 101,
      queryId: 'sp|P98161|PKD1_HUMAN',
      referenceId: 'gi|456|ref|NP_000287.3|',
      alignmentIndex: 0,
    });
    expect(hsps[1]!.props.alignmentIndex).toBe(1);
    expect(edgesOf(c, 'QUERY').map((e) => e.to)).toEqual(['P98161', 'P98161']);
    expect(c.stats.queriesWithoutHits).toBe(1);
    expect(c.position).toBe(2);
  });

  it('substitutions from qseq/hseq only when asked', async () => {
    const plain = await collect(readBlastXml(file('blast.xml')));
    expect(edgesOf(plain, 'REVEALS')).toEqual([]);
    const c = await collect(readBlastXml(file('blast.xml'), { deriveMutations: true }));
    expect(edgesOf(c, 'REVEALS').map((e) => e.to)).toEqual([
      'urn:mutation:urn:sequence:refseq:NP_000287.3:A105V',
      'urn:mutation:urn:sequence:refseq:NP_000287.3:A302L',
      'urn:mutation:urn:sequence:refseq:NP_000287.3:V309L',
    ]);
  });

  it('keeps Query_1 when the definition line says there is none', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'helix-blast-'));
    const file = path.join(dir, 'nodef.xml');
    await writeFile(
      file,
      '<?xml version="1.0"?>\n<BlastOutput><BlastOutput_program>blastn</BlastOutput_program><BlastOutput_iterations>' +
        '<Iteration><Iteration_query-ID>Query_1</Iteration_query-ID><Iteration_query-def>No definition line</Iteration_query-def>' +
        '<Iteration_hits><Hit><Hit_id>Subject_1</Hit_id><Hit_def>No definition line</Hit_def><Hit_hsps><Hsp><Hsp_align-len>4</Hsp_align-len>' +
        '<Hsp_identity>4</Hsp_identity></Hsp></Hit_hsps></Hit></Iteration_hits></Iteration></BlastOutput_iterations></BlastOutput>',
    );
    const c = await collect(readBlastXml(file));
    expect(withLabel(c, 'Alignment')[0]!.props).toMatchObject({ queryId: 'nodef.xml#0:query:Query_1', referenceId: 'nodef.xml#0:reference:Subject_1', identityPercent: 100 });
  });

  it('a non-BLAST file is reported', async () => {
    const c = await collect(readBlastXml(file('hits.m8')));
    expect(codes(c)).toContain('BLAST_XML_NOT_FOUND');
  });
});

import { describe, expect, it } from 'vitest';
import { GeneIdIndex } from '../../../../../ingest/common/bio/gene-index.js';
import { resolveGene } from '../../../../../ingest/common/bio/gene-ref.js';
import { normalizeHgncId, normalizePmid, parseEnsemblId, parseUniprotAccession } from '../../../../../ingest/common/bio/ids.js';
import { NonFiniteRewriter, parseLenientJson } from '../../../../../ingest/common/lenient-json.js';
import { bool, cell, list, num, PLACEHOLDER_MISSING } from '../../../../../ingest/common/missing.js';
import { checksums, cleanSequence, crc64 } from '../../../../../ingest/common/bio/sequence.js';
import { sequenceRefFromId } from '../../../../../ingest/common/bio/sequence-ref.js';
import { versionFromFileName } from '../../../../../ingest/common/version.js';

describe('identifier normalisation', () => {
  it('HGNC ids in every spelling', () => {
    expect(['12796', 'HGNC:12796', ' HGNC:12796 ', 'hgnc:12796', '12796.0'].map(normalizeHgncId)).toEqual(Array(5).fill('HGNC:12796'));
    expect(normalizeHgncId(12796)).toBe('HGNC:12796');
    expect([undefined, '', 'NULL', 'HGNC:', 'HGNC:0', 'abc'].map(normalizeHgncId)).toEqual(Array(6).fill(undefined));
  });

  it('Ensembl versions, UniProt accessions and isoforms, PMIDs', () => {
    expect(parseEnsemblId('ENSG00000105612.10')).toEqual({ id: 'ENSG00000105612', version: '10' });
    expect(parseEnsemblId('ENST00000379198')).toEqual({ id: 'ENST00000379198' });
    expect(parseUniprotAccession('P23763-3')).toEqual({ accession: 'P23763-3', canonical: 'P23763', isoform: '3' });
    expect(parseUniprotAccession('A0A072ULZ1')?.accession).toBe('A0A072ULZ1');
    expect(parseUniprotAccession('P56514.1')).toEqual({ accession: 'P56514', canonical: 'P56514', sequenceVersion: '1' });
    expect(['OPSD_HUMAN', 'NP_001009242.1', 'ADB45242.1', '0811197A'].map(parseUniprotAccession)).toEqual(Array(4).fill(undefined));
    expect(['123', 'PMID:123', 'PubMed:123'].map(normalizePmid)).toEqual(Array(3).fill('PMID:123'));
  });

  it('sequence ids from FASTA headers and alignments', () => {
    expect(sequenceRefFromId('gi|57163783|ref|NP_001009242.1|').urn).toBe('urn:sequence:refseq:NP_001009242.1');
    expect(sequenceRefFromId('gi|3024260|sp|P56514.1|OPSD_BUFBU')).toMatchObject({ urn: 'P56514', label: 'Protein', props: { entryName: 'OPSD_BUFBU', sequenceVersion: 1 } });
    expect(sequenceRefFromId('gi|223523|prf||0811197A').urn).toBe('urn:sequence:prf:0811197A');
    expect(sequenceRefFromId('gi|193885198|pdb|2R2J|A').urn).toBe('urn:sequence:pdb:2R2J_A');
    expect(sequenceRefFromId('gi|283855846|gb|ADB45242.1|').urn).toBe(sequenceRefFromId('ADB45242.1').urn);
    expect(sequenceRefFromId('tr|A0A0B4J2F0-2|X_HUMAN')).toMatchObject({ urn: 'A0A0B4J2F0-2', canonical: 'A0A0B4J2F0' });
    expect(sequenceRefFromId('HBA_HUMAN').urn).toBe('urn:sequence:local:HBA_HUMAN');
  });
});

describe('gene urns', () => {
  it('HGNC first, then the index, then ensembl, entrez, symbol', () => {
    expect(resolveGene({ hgncId: '9008', symbol: 'PKD1' })?.urn).toBe('HGNC:9008');
    expect(resolveGene({ ensemblGeneId: 'ENSG00000008710.5', entrezId: 5310 })?.urn).toBe('urn:gene:ensembl:ENSG00000008710');
    expect(resolveGene({ entrezId: '5310', symbol: 'PKD1' })?.urn).toBe('urn:gene:entrez:5310');
    expect(resolveGene({ symbol: 'c5orf42' })?.urn).toBe('urn:gene:symbol:9606:C5ORF42');
    expect(resolveGene({ symbol: 'Pkd1', taxonId: 10090 })?.urn).toBe('urn:gene:symbol:10090:PKD1');
    expect(resolveGene({})).toBeUndefined();
    const index = new GeneIdIndex();
    index.observe({ nodes: [{ urn: 'HGNC:9008', labels: ['Gene'], props: { symbol: 'PKD1', status: 'Approved', ensemblGeneId: 'ENSG00000008710', entrezId: '5310' } }] });
    expect(resolveGene({ entrezId: '5310' }, { index })).toMatchObject({ urn: 'HGNC:9008', basis: 'hgnc-index' });
    expect(resolveGene({ symbol: 'pkd1' }, { index })?.urn).toBe('HGNC:9008');
    expect(resolveGene({ symbol: 'PKD1', taxonId: '10090' }, { index })?.urn).toBe('urn:gene:symbol:10090:PKD1');
  });

  it('gives a gene without an HGNC id one fallback urn, whichever of its known ids a later record names', () => {
    const index = new GeneIdIndex();
    const first = resolveGene({ ensemblGeneId: 'ENSG00000999999.2', entrezId: '990001', symbol: 'NOVEL1' }, { index });
    expect(first).toMatchObject({ urn: 'urn:gene:ensembl:ENSG00000999999', basis: 'ensembl' });
    expect(resolveGene({ entrezId: 990001 }, { index })).toMatchObject({ urn: first!.urn, basis: 'ensembl' });
    expect(resolveGene({ symbol: 'novel1' }, { index })?.urn).toBe(first!.urn);
    expect(resolveGene({ symbol: 'NOVEL1' }, { index, symbolFallbackOnly: true })?.urn).toBe(first!.urn);
    expect(resolveGene({ symbol: 'NOVEL1', taxonId: '10090' }, { index })?.urn).toBe('urn:gene:symbol:10090:NOVEL1');
    // An id first seen alone keeps its urn; a record that later names it with another gene's id does not merge them.
    expect(resolveGene({ entrezId: '990002' }, { index })?.urn).toBe('urn:gene:entrez:990002');
    expect(resolveGene({ ensemblGeneId: 'ENSG00000999998', entrezId: '990002' }, { index })?.urn).toBe('urn:gene:entrez:990002');
    expect(resolveGene({ ensemblGeneId: 'ENSG00000999998' }, { index })?.urn).toBe('urn:gene:entrez:990002');
    // HGNC, once known, wins over every fallback.
    index.add({ hgncId: 'HGNC:99', ensemblGeneId: 'ENSG00000999999', symbol: 'NOVEL1' });
    expect(resolveGene({ entrezId: 990001, ensemblGeneId: 'ENSG00000999999' }, { index })?.urn).toBe('HGNC:99');
  });
});

describe('missing values and scalars', () => {
  it('NA, NULL, N/A, empty, and placeholders on request', () => {
    expect(['NA', 'NULL', 'N/A', '', ' ', 'NaN'].map((v) => cell(v))).toEqual(Array(6).fill(undefined));
    expect(cell('.')).toBe('.');
    expect(cell('.', PLACEHOLDER_MISSING)).toBeUndefined();
    expect(num('1.2345e-07')).toBe(1.2345e-7);
    const bad: string[] = [];
    expect(num('12abc', (b) => bad.push(b))).toBeUndefined();
    expect(bad).toEqual(['12abc']);
    expect([bool('False'), bool('true'), bool('1'), bool('maybe')]).toEqual([false, true, true, undefined]);
    expect(list('"a|b|a"'.slice(1, -1))).toEqual(['a', 'b']);
  });

  it('releases from file names', () => {
    expect(versionFromFileName('gnomad.v4.1.constraint_metrics.tsv')).toBe('4.1');
    expect(versionFromFileName('x/C_high_evidence_annotated_csv_table.2024-05-14.csv.gz')).toBe('2024-05-14');
    expect(versionFromFileName('genes.tsv')).toBeUndefined();
  });
});

describe('lenient JSON', () => {
  it('reads Python NaN/Infinity as null, never inside strings, also across chunk borders', () => {
    expect(parseLenientJson('{"a": NaN, "b": "NaN", "c": [-Infinity, 1]}')).toEqual({ value: { a: null, b: 'NaN', c: [null, 1] }, nonFinite: { count: 2, firstLine: 1 } });
    const s = new NonFiniteRewriter();
    const text = ['{"a": Na', 'N, "b": "x\\"Na', 'N", "c": -', 'Infinity}'].map((c) => s.write(c)).join('') + s.end();
    expect(JSON.parse(text)).toEqual({ a: null, b: 'x"NaN', c: null });
    expect(s.report.count).toBe(2);
  });
});

describe('sequences', () => {
  it('UniProt checksums and cleaning', () => {
    // Reference values from an independent CRC-64-ISO implementation and hashlib.
    expect(crc64('MIPLLLAALLCVPAGA')).toBe('70BD26E550F7FD55');
    expect(checksums('ACDE')).toEqual({
      sequenceMd5: '973EB56C8ACAA2458CD7BEAE3AF41781',
      sha256: 'f50b9a1db8767fb7cdc8b89cf1a78c9fac1e0e2d5bb5367aeec14709396d5c5e',
      crc64: crc64('ACDE'),
    });
    expect(cleanSequence('acd e1*')).toEqual({ sequence: 'ACDE', invalid: [] });
    expect(cleanSequence('AC#D').invalid).toEqual(['#']);
  });
});

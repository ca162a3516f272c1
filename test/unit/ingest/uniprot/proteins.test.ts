import { describe, expect, it } from 'vitest';
import { GeneIdIndex } from '../../../../ingest/common/bio/gene-index.js';
import { checksums } from '../../../../ingest/common/bio/sequence.js';
import { readProteinFasta } from '../../../../ingest/uniprot/fasta.js';
import { readUniprotJson } from '../../../../ingest/uniprot/uniprot-json.js';
import { assertStorable, bioFixture, codes, collect, edgesOf, nodeByUrn } from '../collect.js';

describe('UniProtKB entry JSON', () => {
  it('maps the entry, its isoforms and the HGNC gene that encodes it', async () => {
    const c = await collect(readUniprotJson(bioFixture('proteins', 'uniprot_entry.json')));
    assertStorable(c);
    const p = nodeByUrn(c, 'O60500');
    expect(p.labels).toEqual(['Protein']);
    expect(p.props).toMatchObject({
      accession: 'O60500',
      entryName: 'NPHN_HUMAN',
      reviewed: true,
      proteinName: 'Nephrin',
      geneNames: ['NPHS1'],
      organism: 'Homo sapiens',
      taxonId: 9606,
      length: 23,
      sequence: 'MALGTTLRASLLLLGLLTEGLAQ',
      sha256: checksums('MALGTTLRASLLLLGLLTEGLAQ').sha256,
      hgncIds: ['HGNC:7827'],
      ensemblGeneIds: ['ENSG00000161270'],
    });
    expect(edgesOf(c, 'ENCODES')).toEqual([{ type: 'ENCODES', from: 'HGNC:7827', to: 'O60500' }]);
    expect(edgesOf(c, 'ISOFORM_OF').map((e) => e.from)).toEqual(['O60500-1', 'O60500-2']);
    expect(nodeByUrn(c, 'O60500-2')).toMatchObject({ mode: 'reference', props: { isoformSequenceStatus: 'Described' } });
  });
});

describe('UniProtKB search results[]', () => {
  it('streams entries; genes without HGNC fall back to a taxon-qualified symbol urn', async () => {
    const c = await collect(readUniprotJson(bioFixture('proteins', 'uniprot_search.json')));
    expect(nodeByUrn(c, 'A0A024R161').props).toMatchObject({ reviewed: false, proteinName: 'Guanine nucleotide-binding protein subunit gamma', geneNames: [] });
    expect(edgesOf(c, 'ENCODES')).toEqual([{ type: 'ENCODES', from: 'urn:gene:symbol:10090:YWHAB', to: 'Q9CQV8' }]);
    expect(nodeByUrn(c, 'urn:gene:symbol:10090:YWHAB').props).toMatchObject({ symbol: 'Ywhab', taxonId: '10090' });
    expect(nodeByUrn(c, 'P00001').props.inactive).toBe(true);
    expect(codes(c)).toEqual(expect.arrayContaining(['UNIPROT_INACTIVE_ENTRY', 'BAD_UNIPROT_ACCESSION']));
    expect(c.position).toBe(4);
  });

  it('uses the gene index to reach HGNC genes named only by symbol', async () => {
    const index = new GeneIdIndex();
    index.add({ hgncId: 'HGNC:12849', symbol: 'YWHAB' });
    const c = await collect(readUniprotJson(bioFixture('proteins', 'uniprot_search.json'), { geneIndex: index }));
    // Mouse Ywhab is not the human gene: the index only resolves human symbols.
    expect(edgesOf(c, 'ENCODES')[0]!.from).toBe('urn:gene:symbol:10090:YWHAB');
  });
});

describe('UniProt ID mapping', () => {
  it('maps isoforms to their UniParc sequence, embedded entries as entries, and rejects the rest', async () => {
    const c = await collect(readUniprotJson(bioFixture('proteins', 'idmapping.json')));
    expect(nodeByUrn(c, 'P98161-3').props).toMatchObject({ uniparcId: 'UPI0000000001', length: 25, geneNames: ['PKD1'] });
    expect(edgesOf(c, 'ISOFORM_OF')).toEqual([{ type: 'ISOFORM_OF', from: 'P98161-3', to: 'P98161' }]);
    expect(nodeByUrn(c, 'P98161').mode).toBe('reference');
    expect(edgesOf(c, 'ENCODES').map((e) => e.from)).toEqual(['urn:gene:symbol:9606:PKD1', 'HGNC:9009']);
    expect(codes(c)).toEqual(expect.arrayContaining(['UNIPROT_IDMAPPING_UNSUPPORTED', 'UNIPROT_IDMAPPING_FAILED_ID']));
  });
});

describe('protein FASTA', () => {
  it('reads UniProt, NCBI and GenomeAMR headers and reports oddities', async () => {
    const c = await collect(readProteinFasta(bioFixture('proteins', 'mixed.fasta')));
    assertStorable(c);
    expect(nodeByUrn(c, 'O60500').props).toMatchObject({ sequence: 'MALGTTLRASLLLLGLLTEGLAQ', length: 23, taxonId: 9606, proteinName: 'Nephrin', reviewed: true });
    expect(nodeByUrn(c, 'A0A0B4J2F0-2').props).toMatchObject({ sequence: 'MFRRLTFAQL', reviewed: false });
    expect(edgesOf(c, 'ISOFORM_OF')).toEqual([{ type: 'ISOFORM_OF', from: 'A0A0B4J2F0-2', to: 'A0A0B4J2F0' }]);
    expect(nodeByUrn(c, 'urn:sequence:refseq:NP_001009242.1')).toMatchObject({ labels: ['Sequence'], props: { giNumber: '57163783', organism: 'Felis catus', taxonId: 9685 } });
    expect(nodeByUrn(c, 'urn:sequence:prf:0811197A').props.length).toBe(28);
    expect(nodeByUrn(c, 'urn:sequence:local:GCF_000005825.2_acrB').props).toMatchObject({ geneName: 'acrB', start: 1000, end: 2000, strand: '+' });
    expect(edgesOf(c, 'ENCODES').map((e) => e.from)).toEqual(['urn:gene:symbol:9606:NPHS1', 'urn:gene:symbol:9606:PIGBOS1']);
    expect(codes(c)).toEqual(expect.arrayContaining(['FASTA_DATA_BEFORE_HEADER', 'GENE_TAXON_UNKNOWN', 'FASTA_EMPTY_SEQUENCE']));
    expect(c.issues.find((i) => i.code === 'FASTA_DATA_BEFORE_HEADER')?.line).toBe(1);
    expect(c.position).toBe(7);
  });
});

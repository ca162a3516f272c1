import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseUniprotAccession } from '../../../../ingest/common/bio/ids.js';
import { readUniprotTsv } from '../../../../ingest/uniprot/uniprot-tsv.js';
import { parseAlternativeProducts, scientificName, splitProteinNames } from '../../../../ingest/uniprot/uniprot-text.js';
import { assertStorable, bioFixture, codes, collect, edgesOf, nodeByUrn } from '../collect.js';
import { A1BG_PROPS } from './a1bg.js';

const SEARCH = bioFixture('proteins', 'uniprot_search.tsv');

/** Data rows of a TSV fixture: 1-based line and the Entry cell. */
async function fixtureRows(file: string): Promise<{ line: number; entry: string }[]> {
  const lines = (await readFile(file, 'utf8')).split('\n');
  return lines.slice(1).flatMap((text, i) => (text ? [{ line: i + 2, entry: text.split('\t')[0]! }] : []));
}

const owned = (c: Awaited<ReturnType<typeof collect>>) => c.nodes.filter((n) => n.mode !== 'reference' && n.labels.includes('Protein')).map((n) => n.urn);

describe('UniProtKB TSV (rest.uniprot.org)', () => {
  it('maps every row with an accession to a Protein with the JSON property names', async () => {
    const rows = await fixtureRows(SEARCH);
    const valid = rows.filter((r) => parseUniprotAccession(r.entry));
    const c = await collect(readUniprotTsv(SEARCH));
    assertStorable(c);
    expect(c.position).toBe(rows.length);
    expect(c.stats.proteins).toBe(valid.length);
    expect(owned(c).sort()).toEqual(valid.map((r) => r.entry).sort());
    // The TSV has UniProt's annotation score too (the XML does not).
    expect(nodeByUrn(c, 'P04217').props).toMatchObject({ ...A1BG_PROPS, annotationScore: 5 });
    expect(nodeByUrn(c, 'P04217').props.keywords).toHaveLength(8);
  });

  it('links isoform rows and listed isoforms to their canonical entry', async () => {
    const c = await collect(readUniprotTsv(SEARCH));
    expect(nodeByUrn(c, 'P04217-2')).toMatchObject({ labels: ['Protein'], props: { sequence: 'MSMLVVFLLLWGVTWGPVTEAAIFYETQPS', length: 30 } });
    expect(nodeByUrn(c, 'P04217-2').mode).toBeUndefined();
    expect(nodeByUrn(c, 'P04217-1')).toMatchObject({ mode: 'reference', props: { isoformName: '1', isoformSequenceStatus: 'Displayed', displayed: true } });
    expect(nodeByUrn(c, 'O60500-2').props).toMatchObject({ isoformName: '2', isoformSequenceStatus: 'Described', displayed: false });
    const isoformOf = [...new Set(edgesOf(c, 'ISOFORM_OF').map((e) => `${e.from}>${e.to}`))].sort();
    expect(isoformOf).toEqual(['O60500-1>O60500', 'O60500-2>O60500', 'P04217-1>P04217', 'P04217-2>P04217']);
  });

  it('links genes: HGNC column first, else the gene names by symbol', async () => {
    const c = await collect(readUniprotTsv(SEARCH));
    const encodes = edgesOf(c, 'ENCODES').map((e) => `${e.from}>${e.to}`);
    expect(encodes).toEqual([
      'HGNC:5>P04217',
      'HGNC:5>P04217-2',
      'HGNC:7827>O60500',
      'urn:gene:symbol:10090:YWHAB>Q9CQV8',
      'HGNC:4781>P62805',
      'HGNC:4789>P62805',
      'HGNC:4450>Q8N158',
    ]);
    expect(nodeByUrn(c, 'HGNC:7827').props).toMatchObject({ hgncId: 'HGNC:7827', symbol: 'NPHS1' });
    expect(nodeByUrn(c, 'P62805').props.geneNames).toEqual(['H4C1', 'H4C2']);
    expect(nodeByUrn(c, 'A0A024R161').props).toMatchObject({ reviewed: false, entryType: 'UniProtKB unreviewed (TrEMBL)', geneNames: [], hgncIds: [] });
    expect(nodeByUrn(c, 'Q9CQV8').props).toMatchObject({ organism: 'Mus musculus', taxonId: 10090, alternativeNames: ['Protein kinase C inhibitor protein 1', 'KCIP-1'] });
  });

  it('reports bad cells and bad accessions with their line, and keeps going', async () => {
    const rows = await fixtureRows(SEARCH);
    const c = await collect(readUniprotTsv(SEARCH));
    const badLength = c.issues.find((i) => i.code === 'BAD_NUMBER');
    expect(badLength).toMatchObject({ subject: 'Q8N158', line: rows.find((r) => r.entry === 'Q8N158')!.line, file: SEARCH });
    // The bad Length is reported; the length then comes from the residues.
    expect(nodeByUrn(c, 'Q8N158').props.length).toBe(30);
    const badAccession = c.issues.find((i) => i.code === 'BAD_UNIPROT_ACCESSION');
    expect(badAccession?.line).toBe(rows.find((r) => !parseUniprotAccession(r.entry))!.line);
    expect(codes(c).sort()).toEqual(['BAD_NUMBER', 'BAD_UNIPROT_ACCESSION']);
  });

  it('resumes exactly at a batch position', async () => {
    const full = await collect(readUniprotTsv(SEARCH, { batchSize: 3 }));
    expect(full.batches.map((b) => b.position)).toEqual([3, 6, 8]);
    const rows = await fixtureRows(SEARCH);
    for (const skip of [3, 6]) {
      const rest = await collect(readUniprotTsv(SEARCH, { batchSize: 3, skip }));
      expect(rest.position).toBe(rows.length);
      const expected = rows.slice(skip).map((r) => r.entry).filter((e) => parseUniprotAccession(e));
      expect(owned(rest).sort()).toEqual(expected.sort());
    }
  });
});

describe('UniProtKB legacy tab format and odd headers', () => {
  it('reads www.uniprot.org column titles (Status, Gene names  (primary ), Cross-reference (…)), masses with commas', async () => {
    const c = await collect(readUniprotTsv(bioFixture('proteins', 'uniprot_legacy.tab')));
    assertStorable(c);
    expect(c.stats.proteins).toBe(3);
    expect(nodeByUrn(c, 'P04217').props).toMatchObject({ entryName: 'A1BG_HUMAN', reviewed: true, geneNames: ['A1BG'], length: 40, molWeight: 4471, annotationScore: 5 });
    // No Organism (ID) column: the taxon of a well-known organism name.
    expect(nodeByUrn(c, 'Q9CQV8').props).toMatchObject({ organism: 'Mus musculus', taxonId: 10090 });
    // Transcript ids only: which gene they belong to is not said.
    expect(nodeByUrn(c, 'P04217').props.ensemblGeneIds).toBeUndefined();
    expect(nodeByUrn(c, 'P00750').props).toMatchObject({
      hgncIds: ['HGNC:9052'],
      proteinName: 'Urokinase-type plasminogen activator',
      alternativeNames: ['U-plasminogen activator', 'uPA'],
    });
    expect(edgesOf(c, 'ENCODES').map((e) => e.from)).toEqual(['HGNC:5', 'HGNC:9052', 'urn:gene:symbol:10090:YWHAB']);
    // No Sequence column requested: no warning per row.
    expect(c.issues).toEqual([]);
  });

  it('says once that a file without an Entry column cannot be read, and counts the rows', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'helix-uniprot-'));
    const file = path.join(dir, 'names.tsv');
    await writeFile(file, 'Entry Name\tLength\nA1BG_HUMAN\t495\nNPHN_HUMAN\t1241\n');
    const c = await collect(readUniprotTsv(file));
    expect(codes(c)).toEqual(['UNIPROT_TSV_NO_ENTRY_COLUMN']);
    expect(c.stats.rowsWithoutEntry).toBe(2);
    expect(c.position).toBe(2);
  });
});

describe('UniProt flat-text cells', () => {
  it.each([
    ['Nephrin', 'Nephrin', []],
    ['Alpha-1B-glycoprotein (Alpha-1-B glycoprotein)', 'Alpha-1B-glycoprotein', ['Alpha-1-B glycoprotein']],
    ['Urokinase (uPA) (EC 3.4.21.73) [Cleaved into: Chain A (X); Chain B]', 'Urokinase', ['uPA']],
    [
      'tRNA-2-methylthio-N(6)-dimethylallyladenosine synthase (EC 2.8.4.3) ((Dimethylallyl)adenosine tRNA methylthiotransferase MiaB)',
      'tRNA-2-methylthio-N(6)-dimethylallyladenosine synthase',
      ['(Dimethylallyl)adenosine tRNA methylthiotransferase MiaB'],
    ],
    ['Broken (name', 'Broken', []],
  ])('protein names %s', (text, name, alternatives) => {
    expect(splitProteinNames(text)).toEqual({ name, alternatives });
  });

  it('keeps strain qualifiers in organism names and drops common names', () => {
    expect(scientificName('Homo sapiens (Human)')).toBe('Homo sapiens');
    expect(scientificName('Escherichia coli (strain K12)')).toBe('Escherichia coli (strain K12)');
    expect(scientificName('Coxiella burnetii (strain CbuK_Q154) (Coxiella burnetii (strain Q154))')).toBe('Coxiella burnetii (strain CbuK_Q154)');
    expect(scientificName("Saccharomyces cerevisiae (strain ATCC 204508 / S288c) (Baker's yeast)")).toBe('Saccharomyces cerevisiae (strain ATCC 204508 / S288c)');
  });

  it('reads ALTERNATIVE PRODUCTS isoforms', () => {
    const text = 'ALTERNATIVE PRODUCTS:  Event=Alternative splicing; Named isoforms=3; Name=1 {ECO:0000269}; IsoId=Q1-1; Sequence=Displayed; Name=2; Synonyms=B; IsoId=Q1-2, Q1-5; Sequence=VSP_1, VSP_2; Name=3; IsoId=Q1-3; Sequence=Not described;';
    expect(parseAlternativeProducts(text)).toEqual([
      { ids: ['Q1-1'], name: '1', status: 'Displayed' },
      { ids: ['Q1-2', 'Q1-5'], name: '2', status: 'Described' },
      { ids: ['Q1-3'], name: '3', status: 'Not described' },
    ]);
  });
});

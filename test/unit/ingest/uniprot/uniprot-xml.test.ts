import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readUniprotXml } from '../../../../ingest/uniprot/uniprot-xml.js';
import { assertStorable, bioFixture, codes, collect, edgesOf, nodeByUrn, type Collected } from '../collect.js';
import { A1BG_PROPS } from './a1bg.js';

const ENTRIES = bioFixture('proteins', 'uniprot_entries.xml');

const owned = (c: Collected) => c.nodes.filter((n) => n.mode !== 'reference' && n.labels.includes('Protein')).map((n) => n.urn);

/** 1-based line of the first line of `text` that matches. */
const lineOf = (text: string, pattern: RegExp) => text.split('\n').findIndex((l) => pattern.test(l)) + 1;

async function tempFile(name: string, content: string | Buffer): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'helix-uniprot-xml-')), name);
  await writeFile(file, content);
  return file;
}

describe('UniProtKB XML', () => {
  it('maps each well-formed entry to a Protein with the JSON property names', async () => {
    const text = await readFile(ENTRIES, 'utf8');
    const c = await collect(readUniprotXml(ENTRIES));
    assertStorable(c);
    expect(c.position).toBe(text.match(/<entry /g)!.length);
    expect(owned(c)).toEqual(['P04217', 'A0A024R161', 'Q9CQV8']);
    // The XML has the secondary accessions too (the TSV does not).
    expect(nodeByUrn(c, 'P04217').props).toMatchObject({ ...A1BG_PROPS, secondaryAccessions: ['Q8IYJ6', 'Q96P39'] });
    expect(nodeByUrn(c, 'P04217').props.keywords).toHaveLength(8);
    expect(nodeByUrn(c, 'A0A024R161').props).toMatchObject({ reviewed: false, proteinName: 'Guanine nucleotide-binding protein subunit gamma', geneNames: [] });
    // Sequence text wrapped over lines, gene name with an evidence attribute, names of components left out.
    expect(nodeByUrn(c, 'Q9CQV8').props).toMatchObject({
      sequence: 'MTMDKSELVQKAKLAEQAERYDDMAAAMK',
      length: 29,
      geneNames: ['Ywhab'],
      alternativeNames: ['Protein kinase C inhibitor protein 1', 'KCIP-1'],
    });
  });

  it('links the HGNC gene, gene names by symbol, and the listed isoforms', async () => {
    const c = await collect(readUniprotXml(ENTRIES));
    expect(edgesOf(c, 'ENCODES').map((e) => `${e.from}>${e.to}`)).toEqual(['HGNC:5>P04217', 'urn:gene:symbol:10090:YWHAB>Q9CQV8']);
    expect(nodeByUrn(c, 'HGNC:5').props).toMatchObject({ hgncId: 'HGNC:5', symbol: 'A1BG' });
    expect(edgesOf(c, 'ISOFORM_OF').map((e) => e.from)).toEqual(['P04217-1', 'P04217-2']);
    expect(nodeByUrn(c, 'P04217-2')).toMatchObject({ mode: 'reference', props: { isoformName: '2', isoformSequenceStatus: 'Described', displayed: false } });
  });

  it('reports a malformed entry at its line and reads on', async () => {
    const text = await readFile(ENTRIES, 'utf8');
    const c = await collect(readUniprotXml(ENTRIES));
    expect(codes(c)).toEqual(['UNIPROT_XML_ENTRY_INVALID']);
    expect(c.issues[0]).toMatchObject({ severity: 'error', subject: 'O60500', line: lineOf(text, /<\/fullname>/), file: ENTRIES });
    expect(c.nodes.some((n) => n.urn === 'O60500')).toBe(false);
  });

  it('resumes exactly at a batch position', async () => {
    const full = await collect(readUniprotXml(ENTRIES, { batchSize: 2 }));
    expect(full.batches.map((b) => b.position)).toEqual([2, 4, 4]);
    const rest = await collect(readUniprotXml(ENTRIES, { batchSize: 2, skip: 2 }));
    expect(owned(rest)).toEqual(['A0A024R161', 'Q9CQV8']);
    expect(rest.issues).toEqual([]);
    expect(rest.position).toBe(4);
  });

  it('reports entries cut off by the next entry or the end of the file', async () => {
    const text = await readFile(ENTRIES, 'utf8');
    const good = text.slice(text.indexOf('<entry dataset="TrEMBL"'), text.indexOf('</entry>', text.indexOf('<entry dataset="TrEMBL"')) + 8);
    const content = `<?xml version="1.0"?>\n<uniprot xmlns="http://uniprot.org/uniprot">\n<entry dataset="Swiss-Prot">\n  <accession>P12345</accession>\n${good}\n<entry dataset="TrEMBL">\n  <accession>Q99999</accession>\n`;
    const c = await collect(readUniprotXml(await tempFile('cut.xml', content)));
    expect(owned(c)).toEqual(['A0A024R161']);
    expect(c.issues.map((i) => [i.code, i.subject, i.line])).toEqual([
      ['UNIPROT_XML_ENTRY_TRUNCATED', 'P12345', 3],
      ['UNIPROT_XML_ENTRY_TRUNCATED', 'Q99999', lineOf(content, /Q99999/) - 1],
    ]);
    expect(c.position).toBe(3);
  });

  it('says so when the file is not UniProtKB XML', async () => {
    const c = await collect(readUniprotXml(bioFixture('proteins', 'uniprot_entry.json')));
    expect(codes(c)).toEqual(['UNIPROT_XML_NOT_FOUND']);
  });
});

describe('UniProtKB XML streaming', () => {
  /** A release-sized file in miniature: entries spread over many read chunks, one of them broken. */
  async function proteome(count: number, broken: number): Promise<{ content: string; brokenLine: number }> {
    const text = await readFile(ENTRIES, 'utf8');
    const entry = text.slice(text.indexOf('<entry '), text.indexOf('</entry>') + 8);
    const parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<uniprot xmlns="http://uniprot.org/uniprot">\n'];
    for (let i = 0; i < count; i++) {
      const acc = `P${String(i).padStart(5, '0')}`;
      const one = entry.replace(/P04217/g, acc).replace('<accession>Q8IYJ6</accession>', '');
      parts.push(i === broken ? one.replace('</gene>', '</genes>') : one, '\n');
    }
    parts.push('</uniprot>\n');
    const content = parts.join('');
    return { content, brokenLine: lineOf(content, /<\/genes>/) };
  }

  it('reads a gzipped multi-chunk file entry by entry with exact lines and batches', async () => {
    const count = 700;
    const { content, brokenLine } = await proteome(count, 512);
    expect(content.length).toBeGreaterThan(2_000_000);
    const file = await tempFile('proteome.xml.gz', gzipSync(content));
    const c = await collect(readUniprotXml(file, { batchSize: 100 }));
    expect(c.position).toBe(count);
    expect(c.stats.proteins).toBe(count - 1);
    expect(c.batches.map((b) => b.position)).toEqual([100, 200, 300, 400, 500, 600, 700, 700]);
    expect(c.issues.map((i) => [i.code, i.subject, i.line])).toEqual([['UNIPROT_XML_ENTRY_INVALID', 'P00512', brokenLine]]);
    expect(nodeByUrn(c, 'P00699').props).toMatchObject({ accession: 'P00699', secondaryAccessions: ['Q96P39'], length: 40 });
    expect(edgesOf(c, 'ISOFORM_OF').filter((e) => e.to === 'P00699').map((e) => e.from)).toEqual(['P00699-1', 'P00699-2']);
  });
});

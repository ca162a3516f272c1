import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readProteinFasta } from '../../../../ingest/uniprot/fasta.js';
import { readUniprotJson } from '../../../../ingest/uniprot/uniprot-json.js';
import { corpusPath } from '../../../support/corpus.js';
import { collect, edgesOf, nodeByUrn, withLabel } from '../../../unit/ingest/collect.js';

const proteins = (name: string) => corpusPath('bio', 'proteins', name);
type Entry = {
  primaryAccession: string;
  uniProtkbId: string;
  organism: { taxonId: number };
  genes?: { geneName?: { value: string } }[];
  sequence: { value: string; length: number; md5: string; crc64: string };
  uniProtKBCrossReferences: { database: string; id: string }[];
};

function checkEntry(c: Awaited<ReturnType<typeof collect>>, e: Entry): void {
  const p = nodeByUrn(c, e.primaryAccession);
  expect(p.mode).toBeUndefined();
  expect(p.props).toMatchObject({
    entryName: e.uniProtkbId,
    taxonId: e.organism.taxonId,
    length: e.sequence.length,
    sequence: e.sequence.value,
    sequenceMd5: e.sequence.md5,
    crc64: e.sequence.crc64,
    sha256: createHash('sha256').update(e.sequence.value).digest('hex'),
  });
  const hgnc = e.uniProtKBCrossReferences.filter((x) => x.database === 'HGNC').map((x) => x.id);
  const genes = edgesOf(c, 'ENCODES').filter((x) => x.to === e.primaryAccession).map((x) => x.from);
  if (hgnc.length) expect(genes).toEqual(hgnc);
  else expect(genes).toEqual((e.genes ?? []).map((g) => `urn:gene:symbol:${e.organism.taxonId}:${g.geneName!.value.toUpperCase()}`));
}

describe('UniProtKB JSON (bio/proteins)', () => {
  it.each(['enzsrp__uniprot_O00115.json', 'enzsrp__uniprot_A4Q9F3.json'])('single entry %s', async (name) => {
    const entry = JSON.parse(readFileSync(proteins(name), 'utf8')) as Entry;
    const c = await collect(readUniprotJson(proteins(name)));
    checkEntry(c, entry);
    expect(withLabel(c, 'Protein').filter((n) => n.mode !== 'reference')).toHaveLength(1);
  });

  it('search results[]', async () => {
    const file = proteins('enzsrp__uniprotkb_search_A1L3X0_A2RUC4.json');
    const { results } = JSON.parse(readFileSync(file, 'utf8')) as { results: Entry[] };
    const c = await collect(readUniprotJson(file, { batchSize: 1 }));
    expect(c.batches.map((b) => b.position)).toEqual([1, 2, 2]);
    for (const e of results) checkEntry(c, e);
  });

  it('ID mapping of isoforms to UniParc: each isoform its own Protein with the UniParc sequence', async () => {
    const file = proteins('enzsrp__idmapping_isoform_uniparc.json');
    const { results } = JSON.parse(readFileSync(file, 'utf8')) as { results: { from: string; to: { uniParcId: string; sequence: { value: string } } }[] };
    const c = await collect(readUniprotJson(file));
    for (const r of results) {
      expect(nodeByUrn(c, r.from).props).toMatchObject({ uniparcId: r.to.uniParcId, sequence: r.to.sequence.value, length: r.to.sequence.value.length });
    }
    expect(edgesOf(c, 'ISOFORM_OF')).toHaveLength(results.filter((r) => r.from.includes('-')).length);
    expect(c.issues).toEqual([]);
  });
});

describe('protein FASTA (bio/proteins)', () => {
  function records(file: string): { header: string; sequence: string }[] {
    return readFileSync(file, 'utf8').split('>').slice(1).map((chunk) => {
      const [header, ...seq] = chunk.split('\n');
      return { header: header!, sequence: seq.join('').replace(/\s/g, '') };
    });
  }

  it('UniProt headers: accession urns, gene links, sequence lengths', async () => {
    const file = proteins('galaxy_blast__four_human_proteins.fasta');
    const recs = records(file);
    const c = await collect(readProteinFasta(file));
    expect(withLabel(c, 'Protein').filter((n) => n.mode !== 'reference')).toHaveLength(recs.length);
    for (const r of recs) {
      const acc = r.header.split('|')[1]!;
      expect(nodeByUrn(c, acc).props.length).toBe(r.sequence.length);
      const gn = / GN=(\S+)/.exec(r.header)![1]!;
      expect(edgesOf(c, 'ENCODES').find((e) => e.to === acc)?.from).toBe(`urn:gene:symbol:9606:${gn}`);
    }
  });

  it('NCBI headers: gi/ref/sp/gb/prf/dbj, blank lines between records', async () => {
    const file = proteins('galaxy_blast__rhodopsin_proteins.fasta');
    const recs = records(file);
    const c = await collect(readProteinFasta(file));
    const mapped = c.nodes.filter((n) => n.mode !== 'reference');
    expect(mapped).toHaveLength(recs.length);
    expect(mapped.map((n) => n.props.length)).toEqual(recs.map((r) => r.sequence.length));
    expect(nodeByUrn(c, 'P56514').labels).toEqual(['Protein']);
    expect(nodeByUrn(c, 'urn:sequence:prf:0811197A').labels).toEqual(['Sequence']);
    expect(c.issues).toEqual([]);
  });
});

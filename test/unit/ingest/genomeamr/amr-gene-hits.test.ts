import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readAmrGeneHits } from '../../../../ingest/genomeamr/amr-gene-hits.js';
import { readGenomeAmrCoordinateManifest } from '../../../../ingest/genomeamr/coordinate-manifest.js';
import { assertStorable, bioFixture, collect, edgesOf, nodeByUrn, withLabel, type Collected } from '../collect.js';

const file = (name: string) => bioFixture('genomeamr', name);
const card = file('GCF_900000001.1_card.csv');
const rgi = file('GCF_900000001.1_rgi.txt');
const abricate = file('sample_abricate.tsv');

/** Data rows of a fixture as header-keyed cells (none of ours quotes a delimiter). */
function rows(path: string, delimiter: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const keys = header!.replace(/^#/, '').split(delimiter);
  return lines.map((l) => Object.fromEntries(l.split(delimiter).map((c, i) => [keys[i]!, c])));
}

describe('AMR gene hit tables', () => {
  it('CARD coordinate CSV: a GeneHit per row in its Genome, matching its ARO term; a row without gene is skipped on its line', async () => {
    const c = await collect(readAmrGeneHits(card));
    assertStorable(c);
    const table = rows(card, ',');
    const complete = table.filter((r) => r.gene_name);
    expect(withLabel(c, 'GeneHit')).toHaveLength(complete.length);
    expect(edgesOf(c, 'IN_GENOME')).toHaveLength(complete.length);
    expect(edgesOf(c, 'MATCHES')).toHaveLength(complete.length);
    const acrB = nodeByUrn(c, 'urn:gene-hit:GCF_900000001.1:GCF_900000001.1_genome:100-3250:acrB');
    expect(acrB.props).toMatchObject({ gene: 'acrB', start: 100, end: 3250, strand: '+', aroId: 'ARO:3000216', drugClasses: ['fluoroquinolone antibiotic', 'tetracycline antibiotic'], tools: ['card'] });
    // `<accession>_genome` and a bare ARO number are the same genome and term.
    const marA = withLabel(c, 'GeneHit').find((n) => n.props.gene === 'marA')!;
    expect(marA.urn).toBe('urn:gene-hit:GCF_900000001.1:GCF_900000001.1_genome:7001-7384:marA');
    expect(edgesOf(c, 'MATCHES').find((e) => e.from === marA.urn)?.to).toBe('ARO:3000263');
    expect(withLabel(c, 'Genome').map((g) => [g.urn, g.mode])).toEqual([['urn:genome:GCF_900000001.1', 'reference']]);
    expect(withLabel(c, 'AroTerm').every((a) => a.mode === undefined && a.urn === a.props.aroId)).toBe(true);
    expect(c.issues.map((i) => [i.code, i.line])).toEqual([['GENOMEAMR_HIT_INCOMPLETE', table.findIndex((r) => !r.gene_name) + 2]]);
    expect(c.position).toBe(table.length);
  });

  it('RGI main output: gene and ARO from Best_Hit_ARO/ARO, genome from a `_genome` contig or the file name; a bad number is an issue on its line', async () => {
    const c = await collect(readAmrGeneHits(rgi));
    assertStorable(c);
    const table = rows(rgi, '\t');
    expect(withLabel(c, 'GeneHit')).toHaveLength(table.length);
    const first = table[0]!;
    const acrB = nodeByUrn(c, `urn:gene-hit:GCF_900000001.1:${first.Contig}:${first.Start}-${first.Stop}:${first.Best_Hit_ARO}`);
    expect(acrB.props).toMatchObject({
      aroId: `ARO:${first.ARO}`,
      aroName: first.Best_Hit_ARO,
      cutOff: first.Cut_Off,
      bitscore: Number(first.Best_Hit_Bitscore),
      identity: Number(first.Best_Identities),
      coverage: 100,
      modelType: 'protein homolog model',
      amrGeneFamily: first['AMR Gene Family'],
      tools: ['rgi'],
    });
    const plasmid = table.find((r) => !r.Contig!.endsWith('_genome'))!;
    expect(nodeByUrn(c, `urn:gene-hit:GCF_900000001.1:${plasmid.Contig}:${plasmid.Start}-${plasmid.Stop}:${plasmid.Best_Hit_ARO}`).props.drugClasses).toEqual(['penam', 'cephalosporin']);
    const badRow = table.findIndex((r) => Number.isNaN(Number(r.Best_Hit_Bitscore))) + 2;
    expect(c.issues.map((i) => [i.code, i.line])).toEqual([['BAD_NUMBER', badRow]]);
    expect(withLabel(c, 'GeneHit').find((n) => n.props.gene === 'tolC')?.props.bitscore).toBeUndefined();
  });

  it('ABRicate: `#FILE` header, genome = FILE stem, ARO accessions matched, other accessions kept', async () => {
    const c = await collect(readAmrGeneHits(abricate));
    assertStorable(c);
    const table = rows(abricate, '\t');
    const stems = table.map((r) => r.FILE!.split('/').pop()!.replace(/\.(fna|fasta)$/, ''));
    expect(withLabel(c, 'Genome').map((g) => g.urn).sort()).toEqual([...new Set(stems)].map((s) => `urn:genome:${s}`).sort());
    const perGenome = (s: string) => edgesOf(c, 'IN_GENOME').filter((e) => e.to === `urn:genome:${s}`).length;
    expect(stems.map(perGenome)).toEqual(stems.map((s) => stems.filter((x) => x === s).length));
    const kpc = table[0]!;
    expect(nodeByUrn(c, `urn:gene-hit:${stems[0]}:${kpc.SEQUENCE}:${kpc.START}-${kpc.END}:${kpc.GENE}`).props).toMatchObject({
      coverage: Number(kpc['%COVERAGE']),
      identity: Number(kpc['%IDENTITY']),
      database: 'card',
      product: kpc.PRODUCT,
      resistance: kpc.RESISTANCE,
      aroId: kpc.ACCESSION,
      tools: ['abricate'],
    });
    const vf = withLabel(c, 'GeneHit').find((n) => n.props.database === 'vfdb')!;
    expect(vf.props.referenceAccession).toBe('VFG000513');
    expect(edgesOf(c, 'MATCHES').some((e) => e.from === vf.urn)).toBe(false);
    expect(c.issues).toEqual([]);
  });

  it('the same hit read from the card CSV, the RGI output and the manifest is one urn', async () => {
    const a = await collect(readAmrGeneHits(card));
    const b = await collect(readAmrGeneHits(rgi));
    const m = await collect(readGenomeAmrCoordinateManifest(file('coordinate_manifest.json')));
    const hits = (c: Collected) => new Set(withLabel(c, 'GeneHit').filter((n) => n.urn.startsWith('urn:gene-hit:GCF_900000001.1:')).map((n) => n.urn));
    const shared = [...hits(a)].filter((u) => hits(b).has(u) && hits(m).has(u));
    expect(shared.sort()).toEqual([
      'urn:gene-hit:GCF_900000001.1:GCF_900000001.1_genome:100-3250:acrB',
      'urn:gene-hit:GCF_900000001.1:GCF_900000001.1_genome:4000-5480:tolC',
    ]);
  });

  it('resumes at a position and batches by rows', async () => {
    const all = await collect(readAmrGeneHits(card, { batchSize: 1 }));
    expect(all.batches.map((x) => x.position)).toEqual([1, 2, 3, 4, 4]);
    const rest = await collect(readAmrGeneHits(card, { skip: 2 }));
    expect(withLabel(rest, 'GeneHit').map((n) => n.props.gene)).toEqual(['marA']);
    expect(rest.position).toBe(4);
    expect(rest.issues.map((i) => i.code)).toEqual(['GENOMEAMR_HIT_INCOMPLETE']);
  });
});

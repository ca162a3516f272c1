import { describe, expect, it } from 'vitest';
import { readHgncJson, readHgncJsonl } from '../../../../ingest/hgnc/hgnc-json.js';
import { readHgncTsv, readHgncWithdrawn } from '../../../../ingest/hgnc/hgnc-tsv.js';
import { assertStorable, bioFixture, codes, collect, edgesOf, nodeByUrn, withLabel } from '../collect.js';

describe('HGNC REST JSON', () => {
  it('maps docs to owned genes with normalised ids and ENCODES to referenced proteins', async () => {
    const c = await collect(readHgncJson(bioFixture('genes', 'hgnc_rest.json')));
    assertStorable(c);
    const pkd1 = nodeByUrn(c, 'HGNC:9008');
    expect(pkd1.mode).toBeUndefined();
    expect(pkd1.props).toMatchObject({
      hgncId: 'HGNC:9008',
      symbol: 'PKD1',
      ensemblGeneId: 'ENSG00000008710',
      ensemblGeneVersion: '21',
      entrezId: '5310',
      aliasSymbols: ['PBP', 'Pc-1', 'TRPP1'],
      maneSelect: ['ENST00000262304.9', 'NM_001009944.3'],
      dateModified: '2023-01-20',
      orphanetId: 120240,
    });
    expect(nodeByUrn(c, 'HGNC:9009').props).toMatchObject({ symbol: 'PKD2', entrezId: '5311', dateModified: '2022-11-16' });
    expect(nodeByUrn(c, 'HGNC:9009').props.ensemblGeneVersion).toBeUndefined();
    expect(edgesOf(c, 'ENCODES').map((e) => `${e.from}>${e.to}`)).toEqual(['HGNC:9008>P98161', 'HGNC:9008>P98161-3', 'HGNC:9009>Q13563']);
    expect(nodeByUrn(c, 'P98161').mode).toBe('reference');
    expect(c.position).toBe(3);
  });

  it('gives a gene without an HGNC id the Ensembl fallback urn and says so', async () => {
    const c = await collect(readHgncJson(bioFixture('genes', 'hgnc_rest.json')));
    expect(nodeByUrn(c, 'urn:gene:ensembl:ENSG00000999999').props.symbol).toBe('NOHGNC1');
    expect(c.issues.find((i) => i.code === 'HGNC_ID_MISSING')?.subject).toBe('urn:gene:ensembl:ENSG00000999999');
  });

  it('batches by record count and resumes from a position', async () => {
    const all = await collect(readHgncJson(bioFixture('genes', 'hgnc_rest.json'), { batchSize: 1 }));
    expect(all.batches.map((b) => b.position)).toEqual([1, 2, 3, 3]);
    const resumed = await collect(readHgncJson(bioFixture('genes', 'hgnc_rest.json'), { skip: 2 }));
    expect(withLabel(resumed, 'Gene').filter((n) => n.mode !== 'reference').map((n) => n.urn)).toEqual(['urn:gene:ensembl:ENSG00000999999']);
    expect(resumed.position).toBe(3);
  });
});

describe('HGNC JSONL', () => {
  it('reads every line, reports a broken one with its line number and reads bare NaN', async () => {
    const c = await collect(readHgncJsonl(bioFixture('genes', 'hgnc_info.jsonl')));
    expect(withLabel(c, 'Gene').filter((n) => n.mode !== 'reference').map((n) => n.urn)).toEqual(['HGNC:7827', 'HGNC:13394', 'HGNC:4229']);
    const broken = c.issues.find((i) => i.code === 'JSON_LINE_INVALID');
    expect(broken?.line).toBe(4);
    expect(nodeByUrn(c, 'HGNC:4229').props.locusType).toBe('pseudogene');
    expect(c.position).toBe(4);
  });
});

describe('HGNC complete-set TSV', () => {
  it('splits quoted |-joined cells and tolerates rows without trailing cells', async () => {
    const c = await collect(readHgncTsv(bioFixture('genes', 'hgnc_complete_set.tsv')));
    assertStorable(c);
    expect(nodeByUrn(c, 'HGNC:2204').props).toMatchObject({ maneSelect: ['ENST00000396578.8', 'NM_000091.5'], geneGroupIds: [490, 1226], omimIds: ['120070'] });
    expect(nodeByUrn(c, 'HGNC:2206').props).toMatchObject({ aliasSymbols: ['ATS', 'ASLN'], prevSymbols: ['ASLN'], uniprotIds: ['P29400'] });
    expect(nodeByUrn(c, 'HGNC:5024').props).toMatchObject({ symbol: 'HNF1B', aliasSymbols: ['TCF2'], uniprotIds: [] });
    expect(codes(c)).toEqual([]);
  });
});

describe('HGNC custom download and search hits', () => {
  it('maps the human column names and comma-joined lists of a genenames.org custom download', async () => {
    const c = await collect(readHgncTsv(bioFixture('genes', 'hgnc_custom_download.txt')));
    expect(nodeByUrn(c, 'HGNC:12559').props).toMatchObject({
      symbol: 'UMOD',
      prevSymbols: ['ADMCKD2', 'FJHN'],
      aliasSymbols: ['THP'],
      entrezId: '7369',
      ensemblGeneId: 'ENSG00000169344',
      location: '16p12.3',
      dateModified: '2023-02-01',
    });
    expect(nodeByUrn(c, 'HGNC:9008').props.aliasSymbols).toEqual(['PBP', 'Pc-1', 'TRPP1']);
    expect(edgesOf(c, 'ENCODES').map((e) => e.to)).toEqual(['P98161', 'P07911']);
  });

  it('a REST search hit only references its gene (it would otherwise replace the full record)', async () => {
    const c = await collect(readHgncJson(bioFixture('genes', 'hgnc_search.json')));
    expect(nodeByUrn(c, 'HGNC:1097')).toMatchObject({ mode: 'reference', props: { symbol: 'BRAF' } });
    expect(c.stats.searchHits).toBe(1);
  });
});

describe('HGNC withdrawn report', () => {
  it('owns withdrawn and merged genes and links every merge target', async () => {
    const c = await collect(readHgncWithdrawn(bioFixture('genes', 'hgnc_withdrawn.txt')));
    expect(nodeByUrn(c, 'HGNC:1').props).toMatchObject({ status: 'Entry Withdrawn', symbol: 'A12M1' });
    expect(nodeByUrn(c, 'HGNC:12469')).toMatchObject({ mode: 'reference', props: { symbol: 'UBA1', status: 'Approved' } });
    expect(edgesOf(c, 'MERGED_INTO').map((e) => `${e.from}>${e.to}`)).toEqual(['HGNC:6>HGNC:12469', 'HGNC:100>HGNC:200', 'HGNC:100>HGNC:300']);
    expect(c.issues.find((i) => i.code === 'BAD_HGNC_ID')?.line).toBe(5);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readEnsemblBiomart, readNcbiGeneJsonl } from '../../../../ingest/annotations/ensembl-ncbi.js';
import { readHgncJson, readHgncJsonl } from '../../../../ingest/hgnc/hgnc-json.js';
import { readHgncTsv, readHgncWithdrawn } from '../../../../ingest/hgnc/hgnc-tsv.js';
import { corpusPath } from '../../../support/corpus.js';
import { collect, edgesOf, nodeByUrn, withLabel } from '../../../unit/ingest/collect.js';

const genes = (name: string) => corpusPath('bio', 'genes', name);
const text = (file: string) => readFileSync(file, 'utf8');
const dataLines = (file: string) => text(file).split('\n').filter((l) => l.trim() && !l.startsWith('#'));
const owned = (c: Awaited<ReturnType<typeof collect>>) => withLabel(c, 'Gene').filter((n) => n.mode !== 'reference');

describe('HGNC files (bio/genes)', () => {
  it('REST JSON: one owned Gene per doc with its symbol, Ensembl id and date', async () => {
    const file = genes('hgnc-link__fixtures_genes.json');
    const docs = JSON.parse(text(file)).response.docs as Record<string, unknown>[];
    const c = await collect(readHgncJson(file));
    expect(owned(c)).toHaveLength(docs.length);
    for (const d of docs) {
      const g = nodeByUrn(c, String(d.hgnc_id));
      expect(g.props.symbol).toBe(d.symbol);
      expect(g.props.ensemblGeneId).toBe(d.ensembl_gene_id);
      expect(g.props.dateModified).toBe(String(d.date_modified).slice(0, 10));
      expect(g.props.aliasSymbols).toEqual(d.alias_symbol ?? []);
    }
    expect(edgesOf(c, 'ENCODES')).toHaveLength(docs.reduce((n, d) => n + ((d.uniprot_ids as string[] | undefined)?.length ?? 0), 0));
    expect(c.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('JSONL: one Gene per line (A2MP1 has no UniProt id)', async () => {
    const file = genes('annonars__hgnc_info.jsonl');
    const docs = dataLines(file).map((l) => JSON.parse(l) as Record<string, unknown>);
    const c = await collect(readHgncJsonl(file));
    expect(owned(c).map((n) => n.urn).sort()).toEqual(docs.map((d) => String(d.hgnc_id)).sort());
    for (const d of docs) expect(nodeByUrn(c, String(d.hgnc_id)).props.uniprotIds).toEqual(d.uniprot_ids ?? []);
  });

  it('complete-set TSV: every row, TP53 as written', async () => {
    const file = genes('scout__hgnc_reduced_set.2024.txt');
    const [header, ...rows] = dataLines(file).map((l) => l.split('\t'));
    const col = (name: string) => header!.indexOf(name);
    const c = await collect(readHgncTsv(file));
    expect(owned(c)).toHaveLength(rows.length);
    const tp53 = rows.find((r) => r[col('symbol')] === 'TP53')!;
    expect(nodeByUrn(c, tp53[col('hgnc_id')]!).props).toMatchObject({
      symbol: 'TP53',
      ensemblGeneId: tp53[col('ensembl_gene_id')],
      entrezId: tp53[col('entrez_id')],
      aliasSymbols: tp53[col('alias_symbol')]!.replace(/"/g, '').split('|'),
    });
    const withUniprot = rows.filter((r) => (r[col('uniprot_ids')] ?? '').trim() !== '');
    expect(edgesOf(c, 'ENCODES').length).toBeGreaterThanOrEqual(withUniprot.length);
    // Some rows of this export carry extra trailing cells beyond the header: reported, row still read.
    const overlong = rows.flatMap((r, i) => (r.length > header!.length && r.slice(header!.length).some((x) => x.trim()) ? [i + 2] : []));
    expect(overlong.length).toBeGreaterThan(0);
    expect(c.issues.map((i) => [i.code, i.line])).toEqual(overlong.map((line) => ['ROW_COLUMN_COUNT', line]));
  });

  it('withdrawn report: every row owned, every merge target linked', async () => {
    const file = genes('hgnc-link__fixtures_withdrawn.txt');
    const rows = dataLines(file).slice(1).map((l) => l.split('\t'));
    const c = await collect(readHgncWithdrawn(file));
    expect(owned(c).map((n) => n.urn)).toEqual(rows.map((r) => r[0]));
    const merges = rows.flatMap((r) => ((r[3] ?? '').trim() ? r[3]!.split(',') : []));
    expect(edgesOf(c, 'MERGED_INTO').map((e) => e.to)).toEqual(merges.map((m) => m.split('|')[0]!.trim()));
  });
});

describe('other gene tables (bio/genes)', () => {
  it('Ensembl BioMart: one ensembl Annotation per row, bare and prefixed HGNC ids alike', async () => {
    const file = genes('scout__ensembl_genes_38_reduced.txt');
    const rows = dataLines(file).slice(1).map((l) => l.split('\t'));
    const c = await collect(readEnsemblBiomart(file, { version: '38' }));
    expect(withLabel(c, 'Annotation')).toHaveLength(rows.length);
    for (const r of rows.filter((x) => x[4] === 'TP53' || x[4] === 'MED18')) {
      const hgnc = r[5]!.startsWith('HGNC:') ? r[5]! : `HGNC:${r[5]}`;
      expect(nodeByUrn(c, `urn:annotation:${hgnc}:ensembl:38`).props).toMatchObject({ geneStart: Number(r[1]), geneEnd: Number(r[2]), ensemblGeneId: r[3] });
    }
  });

  it('NCBI Gene JSONL: one Annotation per record, each distinct GeneRIF PMID cited', async () => {
    const file = genes('annonars__ncbi_gene_info.jsonl');
    const records = dataLines(file).map((l) => JSON.parse(l) as { gene_id: string; rif_entries: { pmids: string[] }[] });
    const c = await collect(readNcbiGeneJsonl(file, { version: 'test' }));
    expect(withLabel(c, 'Annotation')).toHaveLength(records.length);
    const expected = records.reduce((n, r) => n + new Set(r.rif_entries.flatMap((e) => e.pmids).filter((p) => /^\d+$/.test(p))).size, 0);
    expect(edgesOf(c, 'CITES')).toHaveLength(expected);
    expect(nodeByUrn(c, `urn:annotation:urn:gene:entrez:${records[0]!.gene_id}:ncbi-gene:test`).props.generifCount).toBe(records[0]!.rif_entries.length);
  });
});

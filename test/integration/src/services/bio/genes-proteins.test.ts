import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelixContext } from '../../../../../src/app/context.js';
import { fixturePath } from '../../../../support/corpus.js';
import { allPages, cypher, errorCodes, graphqlClient, strictClient, openBioGraph } from './helpers.js';

let helix: HelixContext;
let gql: ReturnType<typeof strictClient>;
let raw: ReturnType<typeof graphqlClient>;

/** Rows of our HGNC complete-set fixture as a header-keyed map, quotes stripped and `|` lists split. */
function hgncRows(): Array<Record<string, string[]>> {
  const [header, ...lines] = readFileSync(fixturePath('bio/genes/hgnc_complete_set.tsv'), 'utf8').trim().split('\n').map((l) => l.split('\t'));
  return lines.map((cells) =>
    Object.fromEntries(header!.map((h, i) => [h, (cells[i] ?? '').replace(/"/g, '').split('|').filter((x) => x !== '')])),
  );
}

beforeAll(async () => ({ helix, gql, raw } = await openBioGraph()), 300_000);
afterAll(async () => helix?.close());

describe('gene(id | symbol)', () => {
  it('finds a gene by HGNC id in every written form, with the fields of its HGNC row', async () => {
    for (const row of hgncRows()) {
      const one = (k: string) => row[k]?.[0] ?? null;
      const id = row.hgnc_id![0]!;
      const number = id.replace('HGNC:', '');
      const data = await gql(
        `query($a: ID, $b: ID, $c: ID) {
          a: gene(id: $a) { urn hgncId symbol name status locusType location aliasSymbols previousSymbols entrezId ensemblGeneId uniprotIds omimIds maneSelect }
          b: gene(id: $b) { urn }
          c: gene(id: $c) { urn }
        }`,
        { a: id, b: number, c: `hgnc:${number}` },
      );
      expect(data.b.urn).toBe(id);
      expect(data.c.urn).toBe(id);
      expect(data.a).toMatchObject({
        urn: id,
        hgncId: id,
        symbol: one('symbol'),
        name: one('name'),
        status: one('status'),
        locusType: one('locus_type'),
        aliasSymbols: row.alias_symbol ?? [],
        previousSymbols: row.prev_symbol ?? [],
        entrezId: one('entrez_id'),
        ensemblGeneId: one('ensembl_gene_id'),
        uniprotIds: row.uniprot_ids ?? [],
        omimIds: row.omim_id ?? [],
        maneSelect: row.mane_select ?? [],
      });
    }
  });

  it('finds a gene by symbol case-insensitively, the approved symbol before previous symbols and aliases', async () => {
    const col4a5 = hgncRows().find((r) => r.symbol![0] === 'COL4A5')!;
    const data = await gql(`query($s: String, $alias: String, $prev: String) {
      exact: gene(symbol: $s) { urn symbol }
      alias: gene(symbol: $alias) { urn }
      prev: gene(symbol: $prev) { urn }
      none: gene(symbol: "NO-SUCH-SYMBOL") { urn }
    }`, { s: 'col4a5', alias: col4a5.alias_symbol![0]!.toLowerCase(), prev: col4a5.prev_symbol![0] });
    expect(data.exact).toEqual({ urn: col4a5.hgnc_id![0], symbol: 'COL4A5' });
    expect(data.alias.urn).toBe(col4a5.hgnc_id![0]);
    expect(data.prev.urn).toBe(col4a5.hgnc_id![0]);
    expect(data.none).toBeNull();
    const [approved] = await cypher(helix, "MATCH (g:Gene {status: 'Approved'}) WHERE toUpper(g.symbol) = 'PKD1' RETURN g.urn AS urn");
    expect((await gql('{ gene(symbol: "Pkd1") { urn } }')).gene.urn).toBe(approved!.urn);
  });

  it('links withdrawn entries to the genes they were merged into', async () => {
    const lines = readFileSync(fixturePath('bio/genes/hgnc_withdrawn.txt'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
    for (const [id, status, , merged] of lines.filter((l) => /^HGNC:\d+$/.test(l[0]!))) {
      const data = await gql('query($id: ID) { gene(id: $id) { status mergedInto { urn } } }', { id });
      expect(data.gene.status).toBe(status);
      const targets = (merged ?? '').split(',').filter((m) => m.trim()).map((m) => m.split('|')[0]!.trim());
      expect(data.gene.mergedInto.map((g: any) => g.urn).sort()).toEqual(targets.sort());
    }
  });

  it('refuses ambiguous or malformed lookups with BAD_USER_INPUT', async () => {
    expect(await errorCodes(raw('{ gene { urn } }'))).toEqual(['BAD_USER_INPUT']);
    expect(await errorCodes(raw('{ gene(id: "HGNC:1", symbol: "A") { urn } }'))).toEqual(['BAD_USER_INPUT']);
    expect(await errorCodes(raw('{ gene(id: "not a gene") { urn } }'))).toEqual(['BAD_USER_INPUT']);
    expect((await gql('{ gene(id: "HGNC:999999999") { urn } }')).gene).toBeNull();
  });
});

describe('genes(filter, first, after)', () => {
  const PAGE = `query($f: GeneFilter, $after: String) {
    genes(filter: $f, first: 3, after: $after) { totalCount nodes { urn symbol } pageInfo { hasNextPage endCursor } }
  }`;
  const everyPage = (filter: Record<string, unknown> | null) =>
    allPages(async (after) => (await gql(PAGE, { f: filter, after })).genes as { nodes: Array<{ urn: string }>; pageInfo: any });

  it('pages through every gene once, in urn order, and totalCount agrees with the graph', async () => {
    const genes = await everyPage(null);
    const rows = await cypher(helix, 'MATCH (g:Gene) RETURN g.urn AS urn ORDER BY urn');
    expect(genes.map((g) => g.urn)).toEqual(rows.map((r) => r.urn));
    expect((await gql(PAGE, { f: null, after: null })).genes.totalCount).toBe(rows.length);
  });

  it('filters by annotation source, status, locus type, symbol and text', async () => {
    const gnomad = await cypher(helix, "MATCH (g:Gene)-[:HAS_ANNOTATION]->(a:Annotation) WHERE a.source = 'gnomad' RETURN DISTINCT g.urn AS urn ORDER BY urn");
    expect(gnomad.length).toBeGreaterThan(1);
    expect((await everyPage({ hasAnnotationFrom: 'GNOMAD' })).map((g) => g.urn)).toEqual(gnomad.map((r) => r.urn));
    const v41 = await cypher(helix, "MATCH (g:Gene)-[:HAS_ANNOTATION]->(a:Annotation {source: 'gnomad', version: 'v4.1.0'}) RETURN DISTINCT g.urn AS urn ORDER BY urn");
    expect((await everyPage({ hasAnnotationFrom: 'gnomad', annotationVersion: 'v4.1.0' })).map((g) => g.urn)).toEqual(v41.map((r) => r.urn));

    const approved = await cypher(helix, "MATCH (g:Gene {status: 'Approved', locusType: 'gene with protein product'}) RETURN g.urn AS urn ORDER BY urn");
    const filtered = await everyPage({ status: 'approved', locusType: 'Gene with protein product' });
    expect(filtered.map((g) => g.urn)).toEqual(approved.map((r) => r.urn));
    expect((await gql(PAGE, { f: { status: 'approved', locusType: 'gene with protein product' }, after: null })).genes.totalCount).toBe(approved.length);

    expect((await everyPage({ symbol: 'col4a3' })).map((g) => g.urn)).toEqual(['HGNC:2204']);
    const text = await everyPage({ text: 'polycystin' });
    expect(text.map((g: any) => g.symbol)).toEqual(expect.arrayContaining(['PKD1', 'PKD2']));
  });

  it('refuses a cursor of another list and negative page sizes', async () => {
    const runsCursor = Buffer.from(JSON.stringify({ k: 'runs', p: ['', 'x'] })).toString('base64url');
    expect(await errorCodes(raw(PAGE, { f: null, after: runsCursor }))).toEqual(['BAD_USER_INPUT']);
    expect(await errorCodes(raw('{ genes(first: -1) { totalCount } }'))).toEqual(['BAD_USER_INPUT']);
    expect(await errorCodes(raw('{ genes(after: "garbage") { totalCount } }'))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('proteins', () => {
  it('answers a UniProt entry with its sequence checksum, isoforms, canonical entry and genes', async () => {
    const entry = JSON.parse(readFileSync(fixturePath('bio/proteins/uniprot_entry.json'), 'utf8'));
    const data = await gql(
      `query($acc: String!) { protein(accession: $acc) {
        accession length organism taxonId sequence sequenceSha256 isCanonical canonical { accession }
        isoforms { accession isCanonical canonical { accession } genes { urn } }
        genes { urn symbol } gene { urn }
      } }`,
      { acc: entry.primaryAccession.toLowerCase() },
    );
    const p = data.protein;
    expect(p).toMatchObject({ accession: entry.primaryAccession, length: entry.sequence.length, organism: entry.organism.scientificName, taxonId: entry.organism.taxonId, isCanonical: true });
    expect(p.sequence).toBe(entry.sequence.value);
    expect(p.sequenceSha256).toBe(createHash('sha256').update(entry.sequence.value).digest('hex'));
    expect(p.canonical.accession).toBe(entry.primaryAccession);
    const hgnc = entry.uniProtKBCrossReferences.find((x: any) => x.database === 'HGNC').id;
    expect(p.genes.map((g: any) => g.urn)).toEqual([hgnc]);
    expect(p.gene.urn).toBe(hgnc);
    const listed = entry.comments[0].isoforms.flatMap((i: any) => i.isoformIds).filter((id: string) => id !== `${entry.primaryAccession}-1`);
    for (const iso of listed) {
      const found = p.isoforms.find((i: any) => i.accession === iso);
      expect(found).toMatchObject({ isCanonical: false, canonical: { accession: entry.primaryAccession } });
      expect(found.genes.map((g: any) => g.urn)).toEqual([hgnc]);
    }
  });

  it('lists the proteins of a gene as HGNC names them', async () => {
    const [pkd1] = await cypher(helix, "MATCH (g:Gene {urn: 'HGNC:9008'})-[:ENCODES]->(p) RETURN collect(p.urn) AS urns");
    const data = await gql('{ gene(id: "9008") { proteins { accession isCanonical } } }');
    expect(data.gene.proteins.map((p: any) => p.accession).sort()).toEqual((pkd1!.urns as string[]).sort());
    expect(data.gene.proteins.some((p: any) => !p.isCanonical)).toBe(true);
  });
});

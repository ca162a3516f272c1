import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bioRunner } from '../../../../src/ingestion/bio.js';
import type { HelixContext } from '../../../../src/app/context.js';
import { corpusPath } from '../../../support/corpus.js';
import { openTestHelix, resetGraph } from '../../../support/graph.js';
import { allPages, strictClient } from '../../../integration/src/services/bio/helpers.js';

let helix: HelixContext;
let gql: ReturnType<typeof strictClient>;

const genes = (name: string) => corpusPath('bio', 'genes', name);
const text = (file: string) => readFileSync(file, 'utf8');
const list = (cell: string | undefined) => (cell ?? '').replace(/"/g, '').split('|').map((x) => x.trim()).filter((x) => x !== '');

/** Every HGNC record of the gene files, read plainly: id → (file, status) and the TSV rows by id. */
function hgncRecords() {
  const seen = new Map<string, Array<{ file: string; status: string }>>();
  const add = (id: string, file: string, status: string) => seen.set(id, [...(seen.get(id) ?? []), { file, status }]);
  const [header, ...rows] = text(genes('scout__hgnc_reduced_set.2024.txt')).split('\n').filter((l) => l.trim()).map((l) => l.split('\t'));
  const tsv = rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
  for (const r of tsv) add(r.hgnc_id!, 'tsv', r.status!);
  for (const l of text(genes('annonars__hgnc_info.jsonl')).split('\n').filter((x) => x.trim())) {
    const d = JSON.parse(l);
    add(d.hgnc_id, 'jsonl', d.status);
  }
  for (const d of JSON.parse(text(genes('hgnc-link__fixtures_genes.json'))).response.docs) add(d.hgnc_id, 'json', d.status);
  const withdrawn = text(genes('hgnc-link__fixtures_withdrawn.txt')).split('\n').slice(1).filter((l) => l.trim()).map((l) => l.split('\t'));
  for (const [id, status] of withdrawn) add(id!, 'withdrawn', status!);
  // The report names each merge target as HGNC_ID|SYMBOL|STATUS: those genes are known, with that status.
  const targets = new Map(withdrawn.flatMap((w) => (w[3] ?? '').split(',').filter((m) => m.trim()).map((m) => m.trim().split('|'))).map(([id, , status]) => [id!, status!]));
  return { seen, tsv, withdrawn, targets };
}

beforeAll(async () => {
  helix = await openTestHelix();
  await resetGraph(helix);
  const report = await bioRunner('bio', undefined)(helix.exec, corpusPath('bio'), {});
  expect(report.status).toBe('completed');
  expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
  gql = strictClient(helix);
}, 600_000);
afterAll(async () => helix?.close());

const GENES_PAGE = `query($f: GeneFilter, $after: String) {
  genes(filter: $f, first: 500, after: $after) {
    totalCount
    nodes { urn symbol name status locusType location aliasSymbols previousSymbols entrezId ensemblGeneId uniprotIds mergedInto { urn } proteins { accession } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe('genes of the HGNC files in the graph', () => {
  const { seen, tsv, withdrawn, targets } = hgncRecords();

  it('holds one gene per HGNC id (merge targets included), with the status its files give', async () => {
    const statuses = new Map([...seen].map(([id, recs]) => [id, new Set(recs.map((r) => r.status))]));
    expect([...statuses.values()].every((s) => s.size === 1)).toBe(true);
    for (const [id, status] of targets) if (!statuses.has(id)) statuses.set(id, new Set([status]));
    for (const status of ['Approved', 'Entry Withdrawn', 'Merged/Split']) {
      const expected = [...statuses].filter(([, s]) => s.has(status)).map(([id]) => id).sort();
      const found = await allPages(async (after) => (await gql(GENES_PAGE, { f: { status }, after })).genes);
      expect(found.map((g: any) => g.urn).sort(), status).toEqual(expected);
      expect((await gql(GENES_PAGE, { f: { status }, after: null })).genes.totalCount).toBe(expected.length);
    }
  });

  it('answers every gene of the complete-set TSV with the fields of its row', async () => {
    const all = await allPages(async (after) => (await gql(GENES_PAGE, { f: null, after })).genes);
    const byUrn = new Map(all.map((g: any) => [g.urn, g]));
    const onlyInTsv = tsv.filter((r) => seen.get(r.hgnc_id!)!.length === 1);
    expect(onlyInTsv.length).toBeGreaterThan(200);
    for (const r of onlyInTsv) {
      const g = byUrn.get(r.hgnc_id!);
      expect(g, r.hgnc_id).toBeDefined();
      expect(g).toMatchObject({
        symbol: r.symbol,
        name: r.name,
        status: r.status,
        locusType: r.locus_type,
        location: r.location || null,
        aliasSymbols: list(r.alias_symbol),
        previousSymbols: list(r.prev_symbol),
        entrezId: r.entrez_id || null,
        ensemblGeneId: r.ensembl_gene_id || null,
        uniprotIds: list(r.uniprot_ids),
      });
      // HGNC's uniprot_ids are ENCODES edges; protein files may add more.
      expect(g.proteins.map((p: any) => p.accession)).toEqual(expect.arrayContaining(list(r.uniprot_ids)));
    }
    for (const [id, , , merged] of withdrawn) {
      const targets = (merged ?? '').split(',').filter((m) => m.trim()).map((m) => m.split('|')[0]!.trim());
      expect(byUrn.get(id!).mergedInto.map((m: any) => m.urn).sort()).toEqual(targets.sort());
    }
  });

  it('finds genes by symbol in any case and by bare HGNC number', async () => {
    for (const r of tsv.filter((_, i) => i % 20 === 0)) {
      const data = await gql('query($s: String, $n: ID) { bySymbol: gene(symbol: $s) { urn } byNumber: gene(id: $n) { symbol } }', {
        s: r.symbol!.toLowerCase(),
        n: r.hgnc_id!.replace('HGNC:', ''),
      });
      expect(data.bySymbol.urn).toBe(r.hgnc_id);
      expect(data.byNumber.symbol).toBe(r.symbol);
    }
  });
});

const PROTEIN = `query($acc: String!) { protein(accession: $acc) {
  accession reviewed proteinName organism taxonId length sequence sequenceSha256 isCanonical
  isoforms { accession canonical { accession } } genes { urn }
} }`;

describe('proteins of the UniProt and FASTA files in the graph', () => {
  const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

  it('answers every UniProt entry with its sequence, checksum, organism, isoforms and HGNC gene', async () => {
    const entries = readdirSync(corpusPath('bio', 'proteins'))
      .filter((f) => f.startsWith('enzsrp__uniprot'))
      .flatMap((f) => {
        const d = JSON.parse(text(corpusPath('bio', 'proteins', f)));
        return d.results ?? [d];
      });
    expect(entries.length).toBeGreaterThan(2);
    for (const e of entries) {
      const p = (await gql(PROTEIN, { acc: e.primaryAccession })).protein;
      expect(p, e.primaryAccession).toMatchObject({
        accession: e.primaryAccession,
        reviewed: String(e.entryType).includes('reviewed') && !String(e.entryType).includes('unreviewed'),
        organism: e.organism.scientificName,
        taxonId: e.organism.taxonId,
        length: e.sequence.length,
        sequence: e.sequence.value,
        sequenceSha256: sha256(e.sequence.value),
        isCanonical: true,
      });
      const hgnc = (e.uniProtKBCrossReferences ?? []).filter((x: any) => x.database === 'HGNC').map((x: any) => x.id);
      expect(p.genes.map((g: any) => g.urn)).toEqual(expect.arrayContaining(hgnc));
      const listed = (e.comments ?? [])
        .filter((c: any) => c.commentType === 'ALTERNATIVE PRODUCTS')
        .flatMap((c: any) => c.isoforms ?? [])
        .filter((i: any) => i.isoformSequenceStatus !== 'Displayed')
        .flatMap((i: any) => i.isoformIds ?? []);
      expect(p.isoforms.map((i: any) => i.accession)).toEqual(expect.arrayContaining(listed));
      for (const iso of p.isoforms) expect(iso.canonical.accession).toBe(e.primaryAccession);
    }
  });

  it('answers every UniProt record of the FASTA files with its length and checksum', async () => {
    for (const f of readdirSync(corpusPath('bio', 'proteins')).filter((x) => x.endsWith('.fasta'))) {
      const records = text(corpusPath('bio', 'proteins', f)).split('>').slice(1).map((r) => {
        const [head, ...seq] = r.split('\n');
        return { head: head!, seq: seq.join('').replace(/\s|\*/g, '').toUpperCase() };
      });
      for (const r of records.filter((x) => /^(sp|tr)\|/.test(x.head))) {
        const acc = r.head.split('|')[1]!;
        const p = (await gql(PROTEIN, { acc })).protein;
        expect(p, acc).not.toBeNull();
        expect(p.length).toBe(r.seq.length);
        expect(p.sequenceSha256).toBe(sha256(r.seq));
      }
    }
  });
});

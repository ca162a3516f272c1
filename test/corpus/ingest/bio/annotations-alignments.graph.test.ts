import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bioRunner } from '../../../../src/ingestion/bio.js';
import type { HelixContext } from '../../../../src/app/context.js';
import { corpusPath } from '../../../support/corpus.js';
import { openTestHelix, resetGraph } from '../../../support/graph.js';
import { allPages, strictClient } from '../../../integration/src/services/bio/helpers.js';

let helix: HelixContext;
let gql: ReturnType<typeof strictClient>;
const text = (file: string) => readFileSync(file, 'utf8');

beforeAll(async () => {
  helix = await openTestHelix();
  await resetGraph(helix);
  for (const dir of [corpusPath('bio'), corpusPath('seeds', 'kidney-genetics'), corpusPath('seeds', 'genomeamr')]) {
    const report = await bioRunner('bio', undefined)(helix.exec, dir, {});
    expect(report.status).toBe('completed');
    expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
  }
  gql = strictClient(helix);
}, 900_000);
afterAll(async () => helix?.close());

const SOURCES = '{ annotationSources { name version geneCount annotationCount } }';
const source = async (name: string) => ((await gql(SOURCES)).annotationSources as any[]).filter((s) => s.name === name);
const hgnc = (id: string) => (id.startsWith('HGNC:') ? id : `HGNC:${Number(id)}`);

describe('annotation sources and their coverage', () => {
  it('ClinGen: one release (the file date), one annotation per gene row, scores as the rows say', async () => {
    const file = corpusPath('bio', 'annotations', 'clingen', 'annonars__ClinGen_gene_curation_list_GRCh38.tsv');
    const lines = text(file).split('\n');
    const header = lines.find((l) => l.startsWith('#Gene Symbol'))!.slice(1).split('\t');
    const rows = lines.filter((l) => l.trim() && !l.startsWith('#')).map((l) => Object.fromEntries(l.split('\t').map((v, i) => [header[i], v])));
    const symbols = new Set(rows.map((r) => r['Gene Symbol']));
    const [release] = await source('clingen');
    expect(release).toEqual({ name: 'clingen', version: '2023-11-21', geneCount: symbols.size, annotationCount: rows.length });
    expect((await gql('{ genes(filter: {hasAnnotationFrom: "clingen"}, first: 0) { totalCount } }')).genes.totalCount).toBe(symbols.size);
    // Genes without an HGNC record are known by fallback urns (Entrez here): reached through their annotations.
    const page = `query($after: String) { genes(filter: {hasAnnotationFrom: "clingen"}, first: 500, after: $after) {
      nodes { symbol annotations(source: "clingen") { haploinsufficiencyScore triplosensitivityScore } } pageInfo { hasNextPage endCursor } } }`;
    const annotated = new Map(((await allPages(async (after) => (await gql(page, { after })).genes)) as any[]).map((g) => [g.symbol, g.annotations]));
    for (const r of rows) {
      expect(annotated.get(r['Gene Symbol']), r['Gene Symbol']).toEqual([
        { haploinsufficiencyScore: r['Haploinsufficiency Score'] || null, triplosensitivityScore: r['Triplosensitivity Score'] || null },
      ]);
    }
  });

  it('GTEx and GenomeAMR: one annotation per record', async () => {
    const gtex = text(corpusPath('bio', 'annotations', 'gtex', 'annonars__gtex_genes_tpm.jsonl')).split('\n').filter((l) => l.trim());
    const gtexReleases = await source('gtex');
    expect(gtexReleases.reduce((n, s) => n + s.annotationCount, 0)).toBe(gtex.length);
    expect(gtexReleases.reduce((n, s) => n + s.geneCount, 0)).toBe(new Set(gtex.map((l) => JSON.parse(l).ensembl_gene_id)).size);

    // The analysis is both JSON (bare NaN) and CSV (Python list cells): one release each.
    const analysis = JSON.parse(text(corpusPath('seeds', 'genomeamr', 'example_analysis.json')).replace(/\bNaN\b/g, 'null'));
    const csvRows = parse(readFileSync(corpusPath('seeds', 'genomeamr', 'example_analysis.csv')), { columns: true }) as Array<{ genes: string }>;
    const releases = await source('genomeamr-cooccurrence');
    expect(releases).toHaveLength(2);
    expect(releases.map((s) => s.annotationCount).sort()).toEqual(
      [analysis.patterns.reduce((n: number, p: any) => n + p.genes.length, 0), csvRows.reduce((n, r) => n + (r.genes.match(/'[^']+'/g) ?? []).length, 0)].sort(),
    );
  });

  it('kidney-genetics: two releases; the newer one is current for genes in both, and history keeps both', async () => {
    const older = parse(readFileSync(corpusPath('bio', 'annotations', 'kidney', 'kidney-genetics__C_high_evidence_annotated.2023-11-22.csv')), { columns: true }) as Record<string, string>[];
    const newer = parse(gunzipSync(readFileSync(corpusPath('seeds', 'kidney-genetics', 'C_high_evidence_annotated_csv_table.2024-05-14.csv.gz'))), { columns: true }) as Record<string, string>[];
    const byGene = (rows: Record<string, string>[]) => new Map(rows.map((r) => [hgnc(r.hgnc_id!), Number(r.evidence_count)]));
    const [o, n] = [byGene(older), byGene(newer)];
    expect((await source('kidney-genetics')).map((s) => [s.version, s.geneCount])).toEqual([['2023-11-22', o.size], ['2024-05-14', n.size]]);

    const page = `query($after: String) { genes(filter: {hasAnnotationFrom: "kidney-genetics"}, first: 250, after: $after) {
      nodes { urn current: annotations(source: "kidney-genetics") { version evidenceCount } all: annotations(source: "kidney-genetics", allVersions: true) { version evidenceCount } }
      pageInfo { hasNextPage endCursor } } }`;
    const found = await allPages(async (after) => (await gql(page, { after })).genes);
    expect(found.map((g: any) => g.urn).sort()).toEqual([...new Set([...o.keys(), ...n.keys()])].sort());
    for (const g of found as any[]) {
      const want = n.has(g.urn) ? { version: '2024-05-14', evidenceCount: n.get(g.urn) } : { version: '2023-11-22', evidenceCount: o.get(g.urn) };
      expect(g.current, g.urn).toEqual([want]);
      const history = [n.has(g.urn) && { version: '2024-05-14', evidenceCount: n.get(g.urn) }, o.has(g.urn) && { version: '2023-11-22', evidenceCount: o.get(g.urn) }].filter(Boolean);
      expect(g.all, g.urn).toEqual(history);
    }
  });

  it('kidney-genetics: every source the table carries is covered on its own, derived from the table row', async () => {
    const newer = parse(gunzipSync(readFileSync(corpusPath('seeds', 'kidney-genetics', 'C_high_evidence_annotated_csv_table.2024-05-14.csv.gz'))), { columns: true }) as Record<string, string>[];
    const present = (v: string | undefined) => v !== undefined && v !== '' && v !== 'NULL' && v !== 'NA';
    const withGnomad = newer.filter((r) => ['pLI', 'oe_lof', 'lof_z', 'mis_z'].some((c) => present(r[c])));
    const withClinvar = newer.filter((r) => present(r.clinvar));
    expect(await source('kidney-genetics.gnomad')).toContainEqual({ name: 'kidney-genetics.gnomad', version: '2024-05-14', geneCount: withGnomad.length, annotationCount: withGnomad.length });
    expect(await source('kidney-genetics.clinvar')).toContainEqual({ name: 'kidney-genetics.clinvar', version: '2024-05-14', geneCount: withClinvar.length, annotationCount: withClinvar.length });
    const row = withGnomad.find((r) => present(r.lof_z) && present(r.mis_z))!;
    const data = await gql(`query($id: ID!) { gene(id: $id) { annotations(source: "kidney-genetics.gnomad", version: "2024-05-14") { urn lofZ misZ } } }`, { id: hgnc(row.hgnc_id!) });
    const [annotation] = data.gene.annotations;
    expect(annotation).toMatchObject({ lofZ: Number(row.lof_z), misZ: Number(row.mis_z) });
    const made = await gql(`query($urn: ID!) { provenance(urn: $urn, depth: 1) { nodes { urn distance } } }`, { urn: annotation.urn });
    expect(made.provenance.nodes.map((x: any) => x.urn)).toContain(`urn:annotation:${hgnc(row.hgnc_id!)}:kidney-genetics:2024-05-14`);
  });

  it('literature and panel seeds: every reported gene cites the paper, every panel gene names its panels', async () => {
    const paper = JSON.parse(text(corpusPath('seeds', 'kidney-genetics', 'literature_pmid_26862157.json')));
    const reported = new Set((paper.genes as any[]).filter((g) => g.hgnc_id).map((g) => g.hgnc_id as string));
    const page = `query($after: String) { genes(filter: {hasAnnotationFrom: "literature"}, first: 250, after: $after) {
      nodes { urn annotations(source: "literature") { sourceItem publications { pmid title journal } } } pageInfo { hasNextPage endCursor } } }`;
    const citing = (await allPages(async (after) => (await gql(page, { after })).genes)) as any[];
    const withPaper = citing.filter((g) => g.annotations.some((a: any) => a.publications.some((p: any) => p.pmid === paper.pmid)));
    expect(withPaper.map((g) => g.urn)).toEqual(expect.arrayContaining([...reported]));
    const pub = withPaper[0].annotations.flatMap((a: any) => a.publications).find((p: any) => p.pmid === paper.pmid);
    expect(pub).toEqual({ pmid: paper.pmid, title: paper.title, journal: paper.journal });

    const panels = JSON.parse(text(corpusPath('seeds', 'kidney-genetics', 'mvz_medicover.json')));
    for (const g of (panels.genes as any[]).filter((_, i) => i % 10 === 0)) {
      const data = await gql('query($id: ID) { gene(id: $id) { annotations(source: "diagnostic-panels") { panels { title providerName } } } }', { id: g.hgnc_id });
      const titles = data.gene.annotations.flatMap((a: any) => a.panels.map((p: any) => p.title));
      expect(titles.sort(), g.hgnc_id).toEqual([...new Set(g.panels as string[])].sort());
    }
  });
});

/** Header numbers of each EMBOSS alignment, read with plain regular expressions (legacy layout: scores only). */
function embossHeaders(body: string): Array<{ score: number; members: number; identity?: number; length?: number }> {
  const legacy = [...body.matchAll(/^(?:Global|Local):.*\nScore:\s*(\S+)/gm)];
  if (legacy.length) return legacy.map((m) => ({ score: Number(m[1]), members: 2 }));
  return body.split(/^# Aligned_sequences:/m).slice(1).map((block) => {
    const id = /^# Identity:\s+(\d+)\/(\d+)/m.exec(block);
    return {
      members: Number(/^\s*(\d+)/.exec(block)![1]),
      score: Number(/^# Score:\s*(\S+)/m.exec(block)![1]),
      ...(id ? { identity: Number(id[1]), length: Number(/^# Length:\s*(\d+)/m.exec(block)![1]) } : {}),
    };
  });
}

const ALIGNMENTS = `query($file: String, $after: String) { alignments(filter: {sourceFile: $file}, first: 200, after: $after) {
  totalCount nodes { alignmentIndex program score identity length members { __typename } query { __typename } reference { __typename } }
  pageInfo { hasNextPage endCursor } } }`;

const alignmentsOf = async (file: string) =>
  ((await allPages(async (after) => (await gql(ALIGNMENTS, { file, after })).alignments)) as any[]).sort((a, b) => a.alignmentIndex - b.alignmentIndex);

describe('the whole bio corpus, ingested with files in parallel', () => {
  it('holds no duplicate relationship (same type between the same two nodes)', async () => {
    const [row] = await helix.exec.runText('MATCH (a)-[r]->(b) WITH a, b, type(r) AS t, count(*) AS n WHERE n > 1 RETURN count(*) AS dup', {}, 'READ');
    expect(Number(row!.dup)).toBe(0);
  });
});

describe('GenomeAMR gene hits', () => {
  it('one GeneHit per hit whatever file names it, holding what each file says; ARO terms keep their names', async () => {
    const card = parse(readFileSync(corpusPath('seeds', 'genomeamr', 'GCF_000005825.2_card.csv')), { columns: true }) as Array<Record<string, string>>;
    const rgi = readFileSync(corpusPath('seeds', 'genomeamr', 'GCF_000005825.2_rgi.txt'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
    const rows = await helix.exec.runText(
      `MATCH (h:GeneHit)-[:IN_GENOME]->(:Genome {urn: 'urn:genome:GCF_000005825.2'})
       OPTIONAL MATCH (h)-[:MATCHES]->(a:AroTerm)
       RETURN h.gene AS gene, h.drugClasses AS drugClasses, h.modelType AS modelType, a.urn AS aro, a.name AS aroName ORDER BY gene`,
      {},
      'READ',
    );
    expect(rows.map((r) => r.gene)).toEqual(card.map((r) => r.gene_name).sort());
    for (const r of rows) {
      const c = card.find((x) => x.gene_name === r.gene)!;
      expect(r.aro).toBe(c.aro_id);
      expect(r.drugClasses).toEqual([c.drug_class]);
      const fromRgi = rgi.find((cells) => cells[8] === r.gene);
      if (fromRgi) expect([r.modelType, r.aroName]).toEqual([fromRgi[10], fromRgi[8]]);
    }
  });
});

describe('alignments of the EMBOSS and BLAST reports', () => {
  const embossDirs = [corpusPath('bio', 'alignments', 'emboss'), corpusPath('seeds', 'genomeamr', 'emboss-equivalent')];

  it.each(embossDirs.flatMap((d) => readdirSync(d).map((f) => [f, `${d}/${f}`])))('%s: every alignment with its header numbers and members', async (name, file) => {
    const expected = embossHeaders(text(file));
    const found = await alignmentsOf(name);
    expect(found).toHaveLength(expected.length);
    found.forEach((a, i) => {
      const h = expected[i]!;
      expect(a.score).toBe(h.score);
      if (h.identity !== undefined) expect(a).toMatchObject({ identity: h.identity, length: h.length });
      expect(a.members).toHaveLength(h.members);
      expect(a.query).not.toBeNull();
      expect(a.reference).not.toBeNull();
    });
  });

  it.each(readdirSync(corpusPath('bio', 'alignments', 'blast')))('%s: one alignment per hit row or HSP', async (name) => {
    const body = text(corpusPath('bio', 'alignments', 'blast', name));
    const hits = name.endsWith('.xml') ? (body.match(/<Hsp>/g) ?? []).length : body.split('\n').filter((l) => l.trim() && !l.startsWith('#')).length;
    const found = await alignmentsOf(name);
    expect(found).toHaveLength(hits);
    expect(found.every((a) => a.query && a.reference)).toBe(true);
  });
});

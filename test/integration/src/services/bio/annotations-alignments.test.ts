import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelixContext } from '../../../../../src/app/context.js';
import { compareVersions } from '../../../../../src/services/bio/annotation-select.js';
import { fixturePath } from '../../../../support/corpus.js';
import { cypher, strictClient, openBioGraph } from './helpers.js';

let helix: HelixContext;
let gql: ReturnType<typeof strictClient>;

beforeAll(async () => ({ helix, gql } = await openBioGraph()), 300_000);
afterAll(async () => helix?.close());

const ANNOTATIONS = `query($id: ID, $source: String, $all: Boolean) {
  gene(id: $id) {
    annotations(source: $source, allVersions: $all) { urn source sourceItem version updatedAt ingestedAt pli data fields }
    history: annotationHistory(source: "gnomad") { version updatedAt }
  }
}`;

describe('annotations and their history', () => {
  const kidneyApi = JSON.parse(readFileSync(fixturePath('bio/annotations/kidney_gene_annotations.json'), 'utf8'));
  const pkd1Gnomad = kidneyApi.annotations.gnomad as Array<{ version: string; updated_at: string; data: { pli: number } }>;

  it('answers the current release of a source by default and every release with allVersions', async () => {
    const newest = [...pkd1Gnomad].sort((a, b) => (a.updated_at < b.updated_at ? 1 : -1))[0]!;
    const data = await gql(ANNOTATIONS, { id: kidneyApi.gene.hgnc_id, source: 'GnomAD', all: false });
    expect(data.gene.annotations).toHaveLength(1);
    const current = data.gene.annotations[0];
    expect(current).toMatchObject({ source: 'gnomad', version: newest.version, updatedAt: newest.updated_at, pli: newest.data.pli });
    expect(current.data).toEqual(newest);
    expect(current.fields.pli).toBe(newest.data.pli);
    expect(Date.parse(current.ingestedAt)).toBeGreaterThan(0);

    const stored = await cypher(helix, "MATCH (:Gene {urn: $g})-[:HAS_ANNOTATION]->(a:Annotation {source: 'gnomad'}) RETURN a.version AS v", { g: kidneyApi.gene.hgnc_id });
    const all = await gql(ANNOTATIONS, { id: kidneyApi.gene.hgnc_id, source: 'gnomad', all: true });
    expect(all.gene.annotations.map((a: any) => a.version).sort()).toEqual(stored.map((r) => r.v).sort());
  });

  it('orders history newest first: dated releases by date, then undated ones by natural version order', async () => {
    const data = await gql(ANNOTATIONS, { id: kidneyApi.gene.hgnc_id, source: null, all: false });
    const history = data.gene.history as Array<{ version: string; updatedAt: string | null }>;
    const dated = pkd1Gnomad.map((a) => ({ version: a.version, updatedAt: a.updated_at })).sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1));
    expect(history.slice(0, dated.length)).toEqual(dated);
    const undated = history.slice(dated.length);
    expect(undated.every((a) => a.updatedAt === null)).toBe(true);
    expect(undated.map((a) => a.version)).toEqual(undated.map((a) => a.version).sort((a, b) => compareVersions(b, a)));
    expect(compareVersions('v4.1.0', 'v4.0.0')).toBe(1);
    expect(compareVersions('2.1.1', '2.1')).toBe(1);
    expect(compareVersions('10', '9')).toBe(1);
    expect(compareVersions('unknown', '1.0')).toBe(-1);
  });

  it('keeps one current annotation per source and item (ClinVar variants, publications, panels)', async () => {
    for (const gene of ['HGNC:9008', 'HGNC:29021', 'HGNC:12559']) {
      const [expected] = await cypher(
        helix,
        'MATCH (:Gene {urn: $g})-[:HAS_ANNOTATION]->(a:Annotation) RETURN count(DISTINCT [a.source, coalesce(a.sourceItem, "")]) AS lines',
        { g: gene },
      );
      const data = await gql(ANNOTATIONS, { id: gene, source: null, all: false });
      expect(data.gene.annotations.length).toBe(expected!.lines);
    }
  });

  it('links annotations to their source release, publications and panels', async () => {
    const paper = JSON.parse(readFileSync(fixturePath('bio/annotations/literature_pmid_12345678.json'), 'utf8'));
    const panels = JSON.parse(readFileSync(fixturePath('bio/annotations/panel_provider.json'), 'utf8'));
    const data = await gql(`{
      lit: gene(id: "${paper.genes[0].hgnc_id}") { annotations(source: "literature") { sourceItem annotationSource { name version } publications { pmid title authors journal } gene { urn } } }
      panel: gene(id: "${panels.genes[0].hgnc_id}") { annotations(source: "diagnostic-panels") { panels { title provider } } }
    }`);
    const lit = data.lit.annotations[0];
    expect(lit.publications).toEqual([{ pmid: paper.pmid, title: paper.title, authors: paper.authors, journal: paper.journal }]);
    expect(lit.annotationSource.name).toBe('literature');
    expect(lit.gene.urn).toBe(paper.genes[0].hgnc_id);
    expect(data.panel.annotations[0].panels.map((p: any) => p.title).sort()).toEqual([...new Set(panels.genes[0].panels as string[])].sort());
  });

  it('reports each source release with the genes and annotations it covers', async () => {
    const expected = await cypher(
      helix,
      `MATCH (s:AnnotationSource) OPTIONAL MATCH (g:Gene)-[:HAS_ANNOTATION]->(a:Annotation)-[:FROM_SOURCE]->(s)
       RETURN s.name AS name, s.version AS version, count(DISTINCT g) AS genes, count(DISTINCT a) AS annotations ORDER BY name, version`,
    );
    const data = await gql('{ annotationSources { urn name version geneCount annotationCount } gnomad: annotationSources(name: "GNOMAD") { version } }');
    expect(data.annotationSources.map((s: any) => ({ name: s.name, version: s.version, genes: s.geneCount, annotations: s.annotationCount }))).toEqual(expected);
    expect(data.gnomad.map((s: any) => s.version).sort()).toEqual(expected.filter((e) => e.name === 'gnomad').map((e) => e.version).sort());
    const viaAnnotation = await gql('{ gene(id: "9008") { annotations(source: "clingen") { annotationSource { name geneCount } } } }');
    const clingen = expected.find((e) => e.name === 'clingen')!;
    expect(viaAnnotation.gene.annotations[0].annotationSource).toEqual({ name: 'clingen', geneCount: clingen.genes });
  });
});

/** Alignments of an EMBOSS srspair report, read the simple way: header numbers and the aligned rows. */
function embossAlignments(file: string) {
  const blocks = readFileSync(file, 'utf8').split(/^#={39}\s*$/m);
  const out: Array<{ names: string[]; header: Record<string, string>; rows: Map<string, { text: string; start: number }> }> = [];
  for (let i = 1; i < blocks.length; i += 2) {
    const header = Object.fromEntries([...blocks[i]!.matchAll(/^# (\w+): *(.*)$/gm)].map((m) => [m[1]!, m[2]!.trim()]));
    const names = [...blocks[i]!.matchAll(/^# \d+: (\S+)/gm)].map((m) => m[1]!);
    const rows = new Map<string, { text: string; start: number }>();
    for (const m of (blocks[i + 1] ?? '').matchAll(/^(\S+)\s+(\d+)\s+(\S+)\s+\d+\s*$/gm)) {
      const row = rows.get(m[1]!) ?? { text: '', start: Number(m[2]) };
      row.text += m[3]!;
      rows.set(m[1]!, row);
    }
    out.push({ names, header, rows });
  }
  return out;
}

const count = (v: string) => Number(/^(\d+)/.exec(v)![1]);

describe('alignments and mutations', () => {
  it('answers every alignment of a report with its header numbers, members and the substitutions it reveals', async () => {
    const file = fixturePath('bio/alignments/two_alignments.needle');
    const expected = embossAlignments(file);
    const data = await gql(`{ alignments(filter: {sourceFile: "two_alignments.needle", program: "NEEDLE"}) {
      totalCount
      nodes { alignmentIndex program matrix length identity similarity gaps score gapOpen gapExtend
        query { ... on Protein { accession } ... on Sequence { accession } }
        reference { ... on Protein { accession } ... on Sequence { accession } }
        members { ... on Protein { accession } ... on Sequence { accession } }
        mutations { position referenceResidue variantResidue mutationType alignments { urn } sequence { ... on Protein { accession } ... on Sequence { accession } } }
      } } }`);
    expect(data.alignments.totalCount).toBe(expected.length);
    const nodes = [...data.alignments.nodes].sort((a: any, b: any) => a.alignmentIndex - b.alignmentIndex);
    expected.forEach((e, i) => {
      const a = nodes[i];
      expect(a).toMatchObject({
        program: 'needle',
        matrix: e.header.Matrix,
        length: Number(e.header.Length),
        identity: count(e.header.Identity!),
        similarity: count(e.header.Similarity!),
        gaps: count(e.header.Gaps!),
        score: Number(e.header.Score),
        gapOpen: Number(e.header.Gap_penalty),
        gapExtend: Number(e.header.Extend_penalty),
      });
      expect(a.members).toHaveLength(2);
      expect(a.query.accession).toMatch(new RegExp(`${e.names[0]}$`));
      expect(a.reference.accession).toMatch(new RegExp(`${e.names[1]}$`));
      const q = e.rows.get(e.names[0]!)!.text;
      const r = e.rows.get(e.names[1]!)!;
      const subs: string[] = [];
      let pos = r.start - 1;
      for (let c = 0; c < r.text.length; c++) {
        if (r.text[c] !== '-') pos += 1;
        if (r.text[c] !== '-' && q[c] !== '-' && q[c] !== r.text[c]) subs.push(`${r.text[c]}${pos}${q[c]}`);
      }
      expect(a.mutations.map((m: any) => `${m.referenceResidue}${m.position}${m.variantResidue}`)).toEqual(subs);
      for (const m of a.mutations) {
        expect(m.mutationType).toBe('substitution');
        expect(m.sequence.accession).toBe(a.reference.accession);
      }
    });
  });

  it('reaches the same mutations from the protein, and its alignments by role', async () => {
    const data = await gql(`{ protein(accession: "P98161") {
      mutations { position alignments { urn } }
      asReference: alignments(role: REFERENCE) { urn mutations { urn } }
      asQuery: alignments(role: QUERY) { urn }
      all: alignments { urn }
    } }`);
    const p = data.protein;
    const [counts] = await cypher(
      helix,
      `MATCH (p:Protein {urn: 'P98161'})
       RETURN COUNT { (:Alignment)-[:REFERENCE]->(p) } AS ref, COUNT { (:Alignment)-[:QUERY]->(p) } AS query, COUNT { (m:Mutation)-[:AFFECTS]->(p) } AS muts`,
    );
    const roles = counts as { ref: number; query: number; muts: number };
    expect(p.asReference).toHaveLength(roles.ref);
    expect(p.asQuery).toHaveLength(roles.query);
    expect(p.all.length).toBeLessThanOrEqual(roles.ref + roles.query);
    expect(p.mutations).toHaveLength(roles.muts);
    const revealed = new Set(p.asReference.flatMap((a: any) => a.mutations.map((m: any) => m.urn)));
    expect(revealed.size).toBeGreaterThan(0);
    for (const m of p.mutations) expect(m.alignments.length).toBeGreaterThan(0);
  });
});

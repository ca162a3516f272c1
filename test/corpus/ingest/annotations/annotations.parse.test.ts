import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readClinvarGeneReport, readClinvarVariants } from '../../../../ingest/annotations/clinvar.js';
import { readClingenCuration, readDbnsfpGenes, readStringClusters } from '../../../../ingest/annotations/gene-tables.js';
import { readGnomadV4Constraint } from '../../../../ingest/annotations/gnomad-v4.js';
import { detectBioFormat } from '../../../../ingest/bio/detect.js';
import { readGnomadVarfish } from '../../../../ingest/annotations/gnomad-varfish.js';
import { readGtexJsonl } from '../../../../ingest/annotations/gtex.js';
import { readHpoGenesToPhenotype } from '../../../../ingest/annotations/hpo.js';
import { readKidneyGeneTable } from '../../../../ingest/annotations/kidney-table.js';
import { corpusPath } from '../../../support/corpus.js';
import { collect, edgesOf, nodeByUrn, withLabel } from '../../../unit/ingest/collect.js';

const ann = (...p: string[]) => corpusPath('bio', 'annotations', ...p);
const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter((l) => l.trim());
const tsv = (file: string) => {
  const [header, ...rows] = lines(file).filter((l) => !l.startsWith('#')).map((l) => l.split('\t'));
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
};
const num = (s: string | undefined) => (s === undefined || s === 'NA' ? undefined : Number(s));
const errors = (c: Awaited<ReturnType<typeof collect>>) => c.issues.filter((i) => i.severity === 'error');

describe('gnomAD (bio/annotations/gnomad)', () => {
  it('v4.1 per transcript: one Annotation per gene, from its canonical Ensembl transcript', async () => {
    const file = ann('gnomad', 'scout__gnomad.v4.1.constraint_metrics_reduced.tsv');
    const rows = tsv(file);
    const c = await collect(readGnomadV4Constraint(file, { batchSize: 50 }));
    expect(c.position).toBe(rows.length);
    expect(withLabel(c, 'Annotation')).toHaveLength(new Set(rows.map((r) => r.gene)).size);
    const canonical = rows.find((r) => r.gene === 'TP53' && r.gene_id!.startsWith('ENSG') && r.canonical === 'true')!;
    const tp53 = nodeByUrn(c, `urn:annotation:urn:gene:ensembl:${canonical.gene_id}:gnomad:4.1`);
    expect(tp53.props).toMatchObject({ transcript: canonical.transcript, pli: Number(canonical['lof.pLI']), loeuf: Number(canonical['lof.oe_ci.upper']) });
    expect(tp53.props.transcriptCount).toBe(rows.filter((r) => r.gene === 'TP53').length);
    expect(errors(c)).toEqual([]);
  });

  it('the same real rows in the v4.0 shape (no gene_id, no canonical): one Annotation per gene, its Ensembl MANE transcript', async () => {
    const rows = tsv(ann('gnomad', 'scout__gnomad.v4.1.constraint_metrics_reduced.tsv'));
    const columns = Object.keys(rows[0]!).filter((c) => c !== 'gene_id' && c !== 'canonical');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'helix-gnomad40-'));
    const file = path.join(dir, 'gnomad.v4.0.constraint_metrics.tsv');
    writeFileSync(file, [columns.join('\t'), ...rows.map((r) => columns.map((c) => r[c]).join('\t'))].join('\n') + '\n');
    expect(detectBioFormat(file, readFileSync(file))?.format).toBe('gnomad-v4-constraint');
    const c = await collect(readGnomadV4Constraint(file));
    const genes = new Set(rows.map((r) => r.gene));
    expect(withLabel(c, 'Annotation')).toHaveLength(genes.size);
    for (const gene of genes) {
      const mane = rows.find((r) => r.gene === gene && r.transcript!.startsWith('ENST') && r.mane_select === 'true');
      if (!mane) continue;
      const a = withLabel(c, 'Annotation').find((n) => n.props.geneUrn === `urn:gene:symbol:9606:${gene}`)!;
      expect(a.props).toMatchObject({ version: '4.0', transcript: mane.transcript, loeuf: num(mane['lof.oe_ci.upper']) });
    }
    expect(errors(c)).toEqual([]);
  });

  it.each(['annonars__gnomad_constraints_v2.1.tsv', 'annonars__gnomad_constraints_v4.0.tsv'])('varfish re-export %s', async (name) => {
    const rows = tsv(ann('gnomad', name));
    const version = /_v(\d+\.\d+)\.tsv$/.exec(name)![1];
    const c = await collect(readGnomadVarfish(ann('gnomad', name)));
    expect(withLabel(c, 'Annotation')).toHaveLength(rows.length);
    for (const r of rows) {
      const a = nodeByUrn(c, `urn:annotation:urn:gene:ensembl:${r.ensembl_gene_id}:gnomad:${version}`);
      expect(a.props.pli).toBe(Number(r.pLI));
      expect(a.props.exacPli).toBe(r.exac_pLI === 'NA' ? undefined : Number(r.exac_pLI));
    }
  });
});

describe('JSONL annotation sources', () => {
  it('GTEx: one Annotation per record, tissues kept', async () => {
    const file = ann('gtex', 'annonars__gtex_genes_tpm.jsonl');
    const records = lines(file).map((l) => JSON.parse(l) as { hgnc_id: string; records: { tissue_detailed: string; tpms: number[] }[] });
    const c = await collect(readGtexJsonl(file, { version: 'v8' }));
    expect(withLabel(c, 'Annotation')).toHaveLength(records.length);
    const r = records[0]!;
    const a = nodeByUrn(c, `urn:annotation:${r.hgnc_id}:gtex:v8`);
    expect(a.props.tissueCount).toBe(new Set(r.records.map((x) => x.tissue_detailed)).size);
    const best = [...r.records].sort((x, y) => y.tpms[2]! - x.tpms[2]!)[0]!;
    expect(a.props.topTissueMedianTpm).toBe(best.tpms[2]);
  });

  it('ClinVar VCV: one Annotation per (variant, gene)', async () => {
    const file = ann('clinvar', 'annonars__clinvar-variants-grch38-seqvars.jsonl');
    const records = lines(file).map((l) => JSON.parse(l) as { accession: { accession: string; version: number }; hgncIds: string[]; classifications: { germlineClassification: { description: string } } });
    const c = await collect(readClinvarVariants(file, { version: 'test' }));
    expect(withLabel(c, 'Annotation')).toHaveLength(records.reduce((n, r) => n + r.hgncIds.length, 0));
    const r = records[0]!;
    expect(nodeByUrn(c, `urn:annotation:${r.hgncIds[0]}:clinvar/${r.accession.accession}:${r.accession.version}`).props.significance).toBe(r.classifications.germlineClassification.description);
    expect(edgesOf(c, 'CITES').length).toBeGreaterThan(0);
  });

  it('ClinVar gene report: counts summed over impacts', async () => {
    const file = ann('clinvar', 'annonars__clinvar-gene-variant-report.jsonl');
    const records = lines(file).map((l) => JSON.parse(l) as { hgncId: string; impactCounts: Record<string, number | string>[] });
    const c = await collect(readClinvarGeneReport(file, { version: 'test' }));
    expect(withLabel(c, 'Annotation')).toHaveLength(records.length);
    for (const r of records) {
      const sum = r.impactCounts.reduce((n, i) => n + Number(i.countUncertainSignificance ?? 0), 0);
      expect(nodeByUrn(c, `urn:annotation:${r.hgncId}:clinvar:test`).props.countUncertainSignificance).toBe(sum);
    }
  });
});

describe('tabular annotation sources', () => {
  it('HPO genes_to_phenotype: one Annotation per gene with its distinct HP terms', async () => {
    const file = ann('hpo', 'scout__genes_to_phenotype_reduced.txt');
    const rows = lines(file).filter((l) => !l.startsWith('#')).map((l) => l.split('\t'));
    const c = await collect(readHpoGenesToPhenotype(file, { version: 'test' }));
    const genes = new Set(rows.map((r) => r[0]));
    expect(withLabel(c, 'Annotation')).toHaveLength(genes.size);
    const first = rows[0]![0]!;
    const terms = new Set(rows.filter((r) => r[0] === first).map((r) => r[2]));
    expect(nodeByUrn(c, `urn:annotation:urn:gene:entrez:${first}:hpo:test`).props.phenotypeIds).toEqual([...terms]);
    expect(c.position).toBe(rows.length);
  });

  it('STRING clusters, dbNSFP and ClinGen: one Annotation per data row', async () => {
    const string = parse(readFileSync(ann('string', 'kidney-genetics__STRING_cluster_indices.csv')), { columns: true }) as Record<string, string>[];
    const s = await collect(readStringClusters(ann('string', 'kidney-genetics__STRING_cluster_indices.csv'), { version: '2024-01-03' }));
    expect(withLabel(s, 'Annotation')).toHaveLength(string.length);
    expect(nodeByUrn(s, `urn:annotation:HGNC:${string[0]!.hgnc_id}:string:2024-01-03`).props.stringId).toBe(string[0]!.STRING_id);

    const dbnsfp = tsv(ann('dbnsfp', 'annonars__dbnsfp_genes.tsv'));
    const d = await collect(readDbnsfpGenes(ann('dbnsfp', 'annonars__dbnsfp_genes.tsv'), { version: 'test' }));
    expect(withLabel(d, 'Annotation')).toHaveLength(dbnsfp.length);
    expect(nodeByUrn(d, `urn:annotation:urn:gene:ensembl:${dbnsfp[0]!.Ensembl_gene}:dbnsfp:test`).props.hpoIds).toEqual([...new Set(dbnsfp[0]!.HPO_id!.split(';'))]);

    const clingenFile = ann('clingen', 'annonars__ClinGen_gene_curation_list_GRCh38.tsv');
    const clingenRows = lines(clingenFile).filter((l) => !l.startsWith('#'));
    const g = await collect(readClingenCuration(clingenFile));
    expect(withLabel(g, 'Annotation')).toHaveLength(clingenRows.length);
    expect(g.nodes.find((n) => n.labels.includes('AnnotationSource'))?.props.version).toBe('2023-11-21');
    for (const x of [s, d, g]) expect(errors(x)).toEqual([]);
  });
});

describe('Kidney-Genetics annotated tables', () => {
  const cases: [string, string, string][] = [
    [ann('kidney', 'kidney-genetics__C_high_evidence_annotated.2023-11-22.csv'), 'plain', '2023-11-22'],
    [corpusPath('seeds', 'kidney-genetics', 'C_high_evidence_annotated_csv_table.2024-05-14.csv.gz'), 'gz', '2024-05-14'],
  ];
  it.each(cases)('%s (%s)', async (file, kind, version) => {
    const raw = readFileSync(file);
    const rows = parse(kind === 'gz' ? gunzipSync(raw) : raw, { columns: true }) as Record<string, string>[];
    const c = await collect(readKidneyGeneTable(file));
    const annotations = withLabel(c, 'Annotation');
    expect(annotations.filter((a) => a.props.source === 'kidney-genetics')).toHaveLength(rows.length);
    // Every source the table carries is an Annotation of that source for each row with a value in its columns.
    const columnsOf: Record<string, string[]> = {
      gnomad: ['pLI', 'oe_lof', 'lof_z', 'mis_z'], clinvar: ['clinvar'], omim: ['omim_summary'], gencc: ['gencc_summary'],
      clingen: ['clingen_summary'], mgi: ['mgi_phenotype'], gtex: ['gtex_kidney_medulla', 'gtex_kidney_cortex'], descartes: ['descartes_kidney_tpm'],
      string: ['stringdb_interaction_sum_score', 'stringdb_interaction_normalized_score', 'stringdb_interaction_string'],
    };
    const present = (v: string | undefined) => v !== undefined && v !== '' && v !== 'NULL' && v !== 'NA';
    for (const [source, columns] of Object.entries(columnsOf)) {
      const expected = rows.filter((r) => columns.some((col) => present(r[col]))).length;
      expect(annotations.filter((a) => a.props.source === `kidney-genetics.${source}`), source).toHaveLength(expected);
    }
    expect(annotations).toHaveLength(rows.length + Object.values(columnsOf).reduce((n, cols) => n + rows.filter((r) => cols.some((col) => present(r[col]))).length, 0));
    const pkd1 = rows.find((x) => x.approved_symbol === 'PKD1')!;
    const gnomad = nodeByUrn(c, `urn:annotation:HGNC:${pkd1.hgnc_id}:kidney-genetics.gnomad:${version}`);
    expect(gnomad.props).toMatchObject({ upstreamSource: 'gnomad', lofZ: Number(pkd1.lof_z), misZ: Number(pkd1.mis_z) });
    expect(c.edges).toContainEqual(expect.objectContaining({ type: 'WAS_DERIVED_FROM', from: gnomad.urn, to: `urn:annotation:HGNC:${pkd1.hgnc_id}:kidney-genetics:${version}` }));
    for (const symbol of ['PKD1', 'PKD2', 'COL4A5', 'NPHS1', 'UMOD', 'HNF1B']) {
      const r = rows.find((x) => x.approved_symbol === symbol)!;
      const a = nodeByUrn(c, `urn:annotation:HGNC:${r.hgnc_id}:kidney-genetics:${version}`);
      expect(a.props.evidenceCount).toBe(Number(r.evidence_count));
      expect(a.props.pli).toBe(r.pLI === 'NULL' ? undefined : Number(r.pLI));
      const p = /P:(\d+)/.exec(r.clinvar ?? '');
      expect(a.props.clinvarPathogenic).toBe(p ? Number(p[1]) : undefined);
      expect((a.props.partners as string[]).length).toBe(r.stringdb_interaction_string === 'NULL' ? 0 : r.stringdb_interaction_string!.split(',').length);
    }
    expect(errors(c)).toEqual([]);
  });
});

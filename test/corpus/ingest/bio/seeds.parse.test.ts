import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createHash } from 'node:crypto';
import { readGenomeAmrAnalysis } from '../../../../ingest/alignments/genomeamr-analysis.js';
import { readKidneyEvidence } from '../../../../ingest/annotations/kidney-evidence.js';
import { readKidneyPipelineConfig, readKidneyScraperSummary } from '../../../../ingest/annotations/kidney-pipeline.js';
import { detectBioFormat } from '../../../../ingest/bio/detect.js';
import { planBioDirectory } from '../../../../ingest/bio/directory.js';
import { readBioFile } from '../../../../src/ingestion/bio-readers.js';
import { readAmrGeneHits } from '../../../../ingest/genomeamr/amr-gene-hits.js';
import { readGenomeAmrCoordinateManifest } from '../../../../ingest/genomeamr/coordinate-manifest.js';
import { readGenomeAmrExtractionMetadata } from '../../../../ingest/genomeamr/extraction-metadata.js';
import { readGenomeAmrGenomeMetadata } from '../../../../ingest/genomeamr/genome-metadata.js';
import { readGenomeAmrHarvestCheckpoint } from '../../../../ingest/genomeamr/harvest-checkpoint.js';
import { corpusPath } from '../../../support/corpus.js';
import { collect, edgesOf, nodeByUrn, withLabel } from '../../../unit/ingest/collect.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** Corpus files that are not bio entity formats (pipeline configs, provenance, notes) and why. */
const NOT_BIO: Record<string, string> = {
  'SOURCES.md': 'notes',
};

describe.each(['bio', path.join('seeds', 'kidney-genetics'), path.join('seeds', 'genomeamr')])('every file under %s', (dir) => {
  const files = filesUnder(corpusPath(dir)).sort();

  it.each(files.map((f) => [path.relative(corpusPath(), f), f]))('%s: detected and read without errors, or known not to be bio', async (_rel, file) => {
    const found = detectBioFormat(file, readFileSync(file).subarray(0, 65536));
    if (!found) {
      expect(NOT_BIO[path.basename(file)]).toBeDefined();
      return;
    }
    expect(NOT_BIO[path.basename(file)]).toBeUndefined();
    const c = await collect(readBioFile(file, found.format, { version: 'corpus' }));
    expect(c.position).toBeGreaterThan(0);
    // Something owned was produced, unless the file records searches without hits.
    expect(c.nodes.some((n) => n.mode !== 'reference') || (c.stats.queriesWithoutHits ?? 0) > 0).toBe(true);
    expect(c.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('the directory plan keeps HGNC before everything else', async () => {
    const plan = await planBioDirectory(corpusPath(dir));
    const kinds = plan.files.map((f) => ['genes', 'proteins', 'annotations', 'alignments'].indexOf(f.kind));
    expect(kinds).toEqual([...kinds].sort((a, b) => a - b));
    expect(plan.files.length + plan.skipped.length).toBe(files.length);
  });
});

describe('kidney-genetics evidence seeds', () => {
  it('literature: the Publication and one Annotation per distinct reported gene, each citing it', async () => {
    const file = corpusPath('seeds', 'kidney-genetics', 'literature_pmid_26862157.json');
    const raw = JSON.parse(readFileSync(file, 'utf8')) as { pmid: string; title: string; genes: { hgnc_id: string | null; symbol: string }[] };
    const c = await collect(readKidneyEvidence(file));
    expect(nodeByUrn(c, `PMID:${raw.pmid}`).props.title).toBe(raw.title);
    const distinct = new Set(raw.genes.map((g) => g.hgnc_id ?? g.symbol));
    expect(withLabel(c, 'Annotation')).toHaveLength(distinct.size);
    expect(edgesOf(c, 'CITES').filter((e) => e.to === `PMID:${raw.pmid}`)).toHaveLength(distinct.size);
  });

  it('diagnostic panel: one Annotation per gene, FROM_PANEL every panel it lists', async () => {
    const file = corpusPath('seeds', 'kidney-genetics', 'mvz_medicover.json');
    const raw = JSON.parse(readFileSync(file, 'utf8')) as { genes: { hgnc_id: string; panels: string[] }[] };
    const c = await collect(readKidneyEvidence(file));
    expect(withLabel(c, 'Annotation')).toHaveLength(new Set(raw.genes.map((g) => g.hgnc_id)).size);
    expect(edgesOf(c, 'FROM_PANEL')).toHaveLength(raw.genes.reduce((n, g) => n + Math.max(1, new Set(g.panels).size), 0));
  });
});

describe('kidney-genetics pipeline records', () => {
  it.each([['annotations.yaml', 'annotations', 'annotation-pipeline'], ['datasources.yaml', 'datasources', 'evidence-pipeline']])(
    '%s: the pipeline as a Job, one Step per configured source in file order',
    async (name, key, job) => {
      const file = corpusPath('seeds', 'kidney-genetics', name);
      const raw = parseYaml(readFileSync(file, 'utf8'))[key] as Record<string, Record<string, unknown>>;
      const sources = Object.keys(raw).filter((k) => k !== 'common');
      const c = await collect(readKidneyPipelineConfig(file));
      expect(nodeByUrn(c, `urn:kidney-genetics:job:${job}`).labels).toEqual(['Job']);
      const steps = withLabel(c, 'Step');
      expect(steps.map((n) => n.props.name)).toEqual(sources);
      expect(steps.map((n) => n.props.position)).toEqual(sources.map((_, i) => i + 1));
      const first = steps[0]!;
      expect(first.props.displayName).toBe(raw[sources[0]!]!.display_name);
      expect(first.props.priority).toBe(raw[sources[0]!]!.priority);
      expect(edgesOf(c, 'HAS_STEP')).toHaveLength(sources.length);
      expect(c.issues.filter((i) => i.severity === 'error')).toEqual([]);
    },
  );

  it('literature_summary.json: one scraper Run that used every publication and generated one file per extraction', async () => {
    const file = corpusPath('seeds', 'kidney-genetics', 'literature_summary.json');
    const raw = JSON.parse(readFileSync(file, 'utf8')) as { timestamp: string; failed_extractions: number; publications: { pmid: string; output_file: string; gene_count: number }[]; extraction_errors: { pmid: string; error: string }[] };
    const c = await collect(readKidneyScraperSummary(file));
    const [run] = withLabel(c, 'Run');
    expect(run!.props).toMatchObject({ kind: 'kidney-genetics', status: 'completed', failedExtractions: raw.failed_extractions, endedAt: expect.stringMatching(/^2025-08-24T19:57:06\.473085Z$/) });
    const used = edgesOf(c, 'USED');
    expect(used.filter((e) => e.props?.extracted === true).map((e) => e.to).sort()).toEqual(raw.publications.map((p) => `PMID:${p.pmid}`).sort());
    expect(used.filter((e) => e.props?.extracted === false).map((e) => e.to).sort()).toEqual(raw.extraction_errors.map((p) => `PMID:${p.pmid}`).sort());
    expect(edgesOf(c, 'WAS_GENERATED_BY')).toHaveLength(raw.publications.length);
    expect(withLabel(c, 'File').map((f) => f.props.name).sort()).toEqual(raw.publications.map((p) => p.output_file).sort());
  });
});

describe('GenomeAMR example analysis', () => {
  it('JSON with bare NaN and "False": an Annotation per gene of each pattern', async () => {
    const file = corpusPath('seeds', 'genomeamr', 'example_analysis.json');
    const raw = JSON.parse(readFileSync(file, 'utf8').replace(/\bNaN\b/g, 'null')) as { patterns: { genes: string[]; is_significant?: string }[] };
    const c = await collect(readGenomeAmrAnalysis(file));
    expect(withLabel(c, 'Annotation')).toHaveLength(raw.patterns.reduce((n, p) => n + p.genes.length, 0));
    const flagged = raw.patterns.filter((p) => p.is_significant !== undefined).length;
    expect(withLabel(c, 'Annotation').filter((a) => a.props.isSignificant === false)).toHaveLength(raw.patterns.filter((p) => p.is_significant === 'False').reduce((n, p) => n + p.genes.length, 0));
    expect(flagged).toBeGreaterThan(0);
    expect(c.issues.map((i) => i.code)).toContain('JSON_NON_STANDARD_NUMBER');
  });

  it('CSV with Python list cells', async () => {
    const file = corpusPath('seeds', 'genomeamr', 'example_analysis.csv');
    const rows = parse(readFileSync(file), { columns: true }) as { genes: string }[];
    const c = await collect(readGenomeAmrAnalysis(file, { version: 'corpus' }));
    expect(withLabel(c, 'Annotation')).toHaveLength(rows.reduce((n, r) => n + (r.genes.match(/'[^']+'/g) ?? []).length, 0));
  });
});

describe('GenomeAMR pipeline records', () => {
  const seed = (name: string) => corpusPath('seeds', 'genomeamr', name);
  const table = (name: string, delimiter = ',') => parse(readFileSync(seed(name)), { columns: true, delimiter }) as Record<string, string>[];
  const genome = (id: string) => id.replace(/_genome$/, '');
  const hitUrn = (acc: string, contig: string, start: unknown, end: unknown, gene: string) => `urn:gene-hit:${genome(acc)}:${contig}:${start}-${end}:${gene}`;
  const hitUrns = (c: Awaited<ReturnType<typeof collect>>) => withLabel(c, 'GeneHit').map((n) => n.urn).sort();
  const cardRows = table('GCF_000005825.2_card.csv');
  const cardUrns = cardRows.map((r) => hitUrn(r.genome_id!, r.contig_id!, r.start, r.end, r.gene_name!)).sort();

  it('GCF_000005825.2_card.csv: a GeneHit per row in its Genome, matching the row\'s ARO term', async () => {
    const c = await collect(readAmrGeneHits(seed('GCF_000005825.2_card.csv')));
    expect(hitUrns(c)).toEqual(cardUrns);
    expect(edgesOf(c, 'IN_GENOME').map((e) => e.to)).toEqual(cardRows.map((r) => `urn:genome:${genome(r.genome_id!)}`));
    expect(edgesOf(c, 'MATCHES').map((e) => e.to)).toEqual(cardRows.map((r) => r.aro_id));
    const first = cardRows[0]!;
    expect(nodeByUrn(c, cardUrns.find((u) => u.endsWith(`:${first.gene_name}`))!).props).toMatchObject({
      strand: first.strand, drugClasses: first.drug_class!.split(';'), resistanceMechanism: first.resistance_mechanism, tools: ['card'],
    });
  });

  it('GCF_000005825.2_coordinates.csv and the RGI output name the same hits as the card CSV', async () => {
    const coordinates = table('GCF_000005825.2_coordinates.csv');
    const c = await collect(readAmrGeneHits(seed('GCF_000005825.2_coordinates.csv')));
    expect(hitUrns(c)).toEqual(cardUrns);
    const row = coordinates[0]!;
    const hit = nodeByUrn(c, hitUrn(row.accession!, row.contig_id!, row.start, row.end, row.gene_name!));
    expect(hit.props).toMatchObject({ cutOff: row.cut_off, bitscore: Number(row.pass_bitscore), modelType: row.model_type, amrGeneFamily: row.amr_gene_family, analysisTimestamp: `${row.analysis_timestamp!.replace(' ', 'T')}.000000Z` });
    // `unknown` versions are no versions.
    expect(row.rgi_version).toBe('unknown');
    expect(hit.props.rgiVersion).toBeUndefined();
    const rgiRows = table('GCF_000005825.2_rgi.txt', '\t');
    const rgi = await collect(readAmrGeneHits(seed('GCF_000005825.2_rgi.txt')));
    expect(hitUrns(rgi)).toEqual(cardUrns);
    expect(withLabel(rgi, 'GeneHit').map((n) => n.props.aroName).sort()).toEqual(rgiRows.map((r) => r.Best_Hit_ARO_Name).sort());
    expect(withLabel(rgi, 'GeneHit').every((n) => (n.props.tools as string[])[0] === 'rgi')).toBe(true);
  });

  it('all_resistance_genes.csv: hits per genome as the summary lists them; GCF_000005825.2\'s are the card CSV\'s', async () => {
    const rows = table('all_resistance_genes.csv');
    const c = await collect(readAmrGeneHits(seed('all_resistance_genes.csv')));
    expect(withLabel(c, 'GeneHit')).toHaveLength(rows.length);
    const perGenome = (edges: { to: string }[]) => edges.reduce<Record<string, number>>((m, e) => ({ ...m, [e.to]: (m[e.to] ?? 0) + 1 }), {});
    expect(perGenome(edgesOf(c, 'IN_GENOME'))).toEqual(perGenome(rows.map((r) => ({ to: `urn:genome:${genome(r.genome_id!)}` }))));
    expect(hitUrns(c).filter((u) => u.startsWith('urn:gene-hit:GCF_000005825.2:'))).toEqual(cardUrns);
    expect(withLabel(c, 'GeneHit').every((n) => (n.props.tools as string[])[0] === 'summary')).toBe(true);
  });

  it('sample_abricate_vfdb.tsv: the FILE stem is the genome, identity and coverage per row', async () => {
    const rows = table('sample_abricate_vfdb.tsv', '\t');
    const c = await collect(readAmrGeneHits(seed('sample_abricate_vfdb.tsv')));
    const stem = (f: string) => f.replace(/\.fasta$/, '');
    expect(withLabel(c, 'Genome').map((g) => g.urn)).toEqual([...new Set(rows.map((r) => `urn:genome:${stem(r.FILE!)}`))]);
    expect(withLabel(c, 'GeneHit').map((n) => [n.urn, n.props.identity, n.props.coverage])).toEqual(
      rows.map((r) => [hitUrn(stem(r.FILE!), r.SEQUENCE!, r.START, r.END, r.GENE!), Number(r['%IDENTITY']), Number(r['%COVERAGE'])]),
    );
  });

  it('coordinate_manifest.json: one Run that used every accession\'s genome and generated its hits', async () => {
    const raw = JSON.parse(readFileSync(seed('coordinate_manifest.json'), 'utf8')) as { generated_timestamp: string; accessions: Record<string, { genes: { gene_name: string; contig_id: string; start: number; end: number }[] }> };
    const c = await collect(readGenomeAmrCoordinateManifest(seed('coordinate_manifest.json')));
    const run = `urn:genomeamr:run:card-coordinates:${raw.generated_timestamp.replace(' ', 'T')}.000000Z`;
    const accessions = Object.keys(raw.accessions);
    expect(nodeByUrn(c, run).props).toMatchObject({ totalProcessedAccessions: accessions.length, status: 'completed' });
    expect(edgesOf(c, 'USED').map((e) => e.to).sort()).toEqual(accessions.map((a) => `urn:genome:${genome(a)}`).sort());
    const genes = Object.entries(raw.accessions).flatMap(([acc, a]) => a.genes.map((g) => hitUrn(acc, g.contig_id, g.start, g.end, g.gene_name)));
    expect(hitUrns(c)).toEqual([...genes].sort());
    expect(edgesOf(c, 'WAS_GENERATED_BY')).toHaveLength(genes.length);
    expect(hitUrns(c).filter((u) => u.startsWith('urn:gene-hit:GCF_000005825.2:'))).toEqual(cardUrns);
    expect(c.position).toBe(accessions.length);
  });

  it('genome_metadata.json: an owned Genome per entry, fasta file name out of the Windows path', async () => {
    const raw = JSON.parse(readFileSync(seed('genome_metadata.json'), 'utf8')) as { genome_accession: string; protein_accession: string; genome_size: string; fasta_file: string }[];
    const c = await collect(readGenomeAmrGenomeMetadata(seed('genome_metadata.json')));
    expect(withLabel(c, 'Genome').map((g) => [g.urn, g.props.sequenceAccession, g.props.genomeSize, g.props.fastaFileName])).toEqual(
      raw.map((r) => [`urn:genome:${genome(r.genome_accession)}`, r.protein_accession, Number(r.genome_size), r.fasta_file.split('\\').pop()]),
    );
  });

  it('harvest_checkpoint.json: the harvest Run generated the downloaded genome, with its BioSample and BioProject', async () => {
    const raw = JSON.parse(readFileSync(seed('harvest_checkpoint.json'), 'utf8')) as { search_result: { query: string; total_count: number }; metadata: { accession: string; organism: string; biosample: string; bioproject: string }[]; downloaded: string[]; failed: string[] };
    const c = await collect(readGenomeAmrHarvestCheckpoint(seed('harvest_checkpoint.json')));
    const run = `urn:genomeamr:run:ncbi-harvest:${createHash('sha256').update(raw.search_result.query).digest('hex').slice(0, 16)}`;
    expect(nodeByUrn(c, run).props).toMatchObject({ query: raw.search_result.query, totalCount: raw.search_result.total_count, failedCount: raw.failed.length });
    expect(edgesOf(c, 'WAS_GENERATED_BY').map((e) => [e.from, e.to])).toEqual(raw.downloaded.map((a) => [`urn:genome:ncbi:${a}`, run]));
    const m = raw.metadata[0]!;
    expect(nodeByUrn(c, `urn:genome:ncbi:${m.accession}`).props).toMatchObject({ organism: m.organism, bioSample: m.biosample, bioProject: m.bioproject });
  });

  it('extraction_metadata.json: an empty run is still its Run, with the statistics', async () => {
    const raw = JSON.parse(readFileSync(seed('extraction_metadata.json'), 'utf8')) as { extraction_stats: { total_genes_requested: number; sequences_generated: number }; extraction_results: unknown[] };
    const c = await collect(readGenomeAmrExtractionMetadata(seed('extraction_metadata.json')));
    const [run] = withLabel(c, 'Run');
    expect(run!.urn).toBe('urn:genomeamr:run:protein-extraction:genomeamr');
    expect(run!.props).toMatchObject({ totalGenesRequested: raw.extraction_stats.total_genes_requested, sequencesGenerated: raw.extraction_stats.sequences_generated });
    expect(withLabel(c, 'File')).toHaveLength(raw.extraction_results.length);
    expect(c.position).toBe(1);
  });
});

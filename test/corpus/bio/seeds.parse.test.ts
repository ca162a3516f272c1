import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { readGenomeAmrAnalysis } from '../../../ingest/alignments/genomeamr-analysis.js';
import { readKidneyEvidence } from '../../../ingest/annotations/kidney-evidence.js';
import { readKidneyPipelineConfig, readKidneyScraperSummary } from '../../../ingest/annotations/kidney-pipeline.js';
import { detectBioFormat } from '../../../ingest/bio/detect.js';
import { planBioDirectory } from '../../../ingest/bio/directory.js';
import { readBioFile } from '../../../ingest/bio/registry.js';
import { corpusPath } from '../../support/corpus.js';
import { collect, edgesOf, nodeByUrn, withLabel } from '../../unit/bio/collect.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** Corpus files that are not bio entity formats (pipeline configs, provenance, notes) and why. */
const NOT_BIO: Record<string, string> = {
  'SOURCES.md': 'notes',
  'all_resistance_genes.csv': 'CARD/RGI summary (pipeline provenance)',
  'coordinate_manifest.json': 'CARD coordinate manifest (pipeline provenance)',
  'extraction_metadata.json': 'FASTA extraction statistics',
  'GCF_000005825.2_card.csv': 'CARD coordinates',
  'GCF_000005825.2_coordinates.csv': 'CARD coordinates',
  'GCF_000005825.2_rgi.txt': 'RGI output',
  'genome_metadata.json': 'genome download metadata',
  'harvest_checkpoint.json': 'NCBI harvest checkpoint',
  'sample_abricate_vfdb.tsv': 'Abricate output',
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

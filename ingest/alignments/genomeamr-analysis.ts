import type { StreamedBatch } from '../core/graph.js';
import { BatchBuilder, type BioReadOptions, type Fragment } from '../common/batch.js';
import { readHeadText } from '../common/detect-head.js';
import { readTable } from '../common/delimited.js';
import { resolveGene } from '../common/bio/gene-ref.js';
import { JsonReadCounter, readJsonWithout, streamJsonValues } from '../common/json-stream.js';
import { isRecord } from '../common/jsonl.js';
import { bool, cell, list, num } from '../common/missing.js';
import { versionFromFileName } from '../common/version.js';
import { addAnnotation, type SourceInfo } from '../common/bio/annotation-node.js';

type Json = Record<string, unknown>;

/** Python `str(list)` cells of the CSV export: `"['acrA', 'acrB']"` → `['acrA', 'acrB']`. */
export function pythonList(value: unknown): string[] {
  if (Array.isArray(value)) return list(value);
  const text = cell(value);
  if (!text) return [];
  if (!text.startsWith('[')) return [text];
  return [...text.matchAll(/'([^']*)'|"([^"]*)"/g)].map((m) => m[1] ?? m[2] ?? '').filter(Boolean);
}

/** One co-occurrence pattern → an Annotation on each gene of the pattern (source `genomeamr-cooccurrence`). */
function mapPattern(p: Json, src: SourceInfo, f: Fragment, opts: BioReadOptions): void {
  const genes = pythonList(p.genes);
  if (!genes.length) {
    f.issue('error', 'GENOMEAMR_PATTERN_WITHOUT_GENES', 'co-occurrence pattern lists no genes');
    return;
  }
  const item = [...genes].sort().join('+');
  const bad = (k: string) => (x: string) => f.issue('warning', 'BAD_NUMBER', `${k}: "${x}" is not a number`);
  for (const symbol of genes) {
    const gene = resolveGene({ symbol, taxonId: opts.taxonId }, { symbolFallbackOnly: true });
    if (!gene) continue;
    addAnnotation(f, src, {
      gene,
      sourceItem: item,
      data: p,
      props: {
        patternGenes: genes,
        coGenes: genes.filter((g) => g !== symbol),
        mutationTypes: pythonList(p.mutation_type),
        genomes: pythonList(p.genomes),
        genomeCount: num(p.genome_count, bad('genome_count')),
        totalGenomes: num(p.total_genomes, bad('total_genomes')),
        frequency: num(p.frequency, bad('frequency')),
        percentage: num(p.percentage, bad('percentage')),
        pValue: num(p.p_value, bad('p_value')),
        isSignificant: bool(p.is_significant, (x) => f.issue('warning', 'BAD_BOOLEAN', `is_significant: "${x}"`)),
        expectedFrequency: num(p.expected_frequency, bad('expected_frequency')),
        enrichmentScore: num(p.enrichment_score, bad('enrichment_score')),
      },
    });
  }
}

/** Source release: `opts.version`, else the analysis date (JSON summary), else the file name, else `unknown`. */
function source(b: BatchBuilder, opts: BioReadOptions, analysisDate: string | undefined): SourceInfo {
  const version = opts.version ?? analysisDate ?? versionFromFileName(b.file);
  if (!version) b.issue('warning', 'ANNOTATION_VERSION_UNKNOWN', 'no analysis date: pass a version; using "unknown"');
  if (!opts.taxonId) b.issue('info', 'GENE_TAXON_ASSUMED', 'GenomeAMR genes are named by symbol only; taxon 9606 assumed (pass taxonId)');
  const retrievedAt = opts.retrievedAt ?? analysisDate;
  return { name: 'genomeamr-cooccurrence', version: version ?? 'unknown', ...(retrievedAt ? { retrievedAt } : {}) };
}

/**
 * GenomeAMR co-occurrence analysis, JSON (`summary`, `patterns[]`; bare NaN, `"False"`) or CSV (Python list cells).
 * Record = one pattern.
 */
export async function* readGenomeAmrAnalysis(file: string, opts: BioReadOptions = {}): AsyncGenerator<StreamedBatch> {
  const b = new BatchBuilder(file, opts);
  const counter = new JsonReadCounter();
  try {
    let src: SourceInfo;
    let patterns: AsyncIterable<{ value?: unknown; line?: number; error?: string; fatal?: boolean }>;
    if (/^[{[]/.test((await readHeadText(file, 256)).trimStart())) {
      const meta = await readJsonWithout(file, 'patterns', counter);
      const summary = isRecord(meta) && isRecord(meta.summary) ? meta.summary : {};
      src = source(b, opts, cell(summary.analysis_date));
      patterns = (async function* () {
        for await (const item of streamJsonValues(file, 'patterns', counter)) yield { value: item.value, error: item.error, fatal: item.key === -1 };
      })();
    } else {
      src = source(b, opts, undefined);
      patterns = (async function* () {
        const rows = readTable(file, { delimiter: ',', onIssue: (severity, code, message, line) => b.issue(severity, code, message, { line }) });
        for await (const row of rows) yield { value: row.values, line: row.line };
      })();
    }
    for await (const { value, line, error, fatal } of patterns) {
      if (fatal) {
        b.issue('error', 'JSON_UNREADABLE', error ?? 'unreadable JSON');
        continue;
      }
      if (!b.consume()) continue;
      if (error !== undefined) b.issue('error', 'JSON_RECORD_INVALID', error);
      else if (!isRecord(value)) b.issue('error', 'GENOMEAMR_PATTERN_INVALID', 'pattern is not an object', { ...(line ? { line } : {}) });
      else b.guard(line, undefined, (f) => mapPattern(value, src, f, opts));
      if (b.full) yield b.take();
    }
  } catch (err) {
    b.issue('error', 'JSON_UNREADABLE', `reading stopped: ${(err as Error).message}`);
  }
  if (counter.replaced) b.issue('info', 'JSON_NON_STANDARD_NUMBER', `${counter.replaced} bare NaN/Infinity read as null`);
  yield b.finish();
}

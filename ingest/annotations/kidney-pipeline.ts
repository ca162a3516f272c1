import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { Props, StreamedBatch } from '../core/graph.js';
import { BatchBuilder, type BioReadOptions, type Fragment } from '../common/batch.js';
import { normalizePmid, slug } from '../common/bio/ids.js';
import { isRecord } from '../common/jsonl.js';
import { cell, num } from '../common/missing.js';
import { fileUrn, stepUrn } from '../common/urns.js';
import { toUtcIso } from '../common/time.js';

type Json = Record<string, unknown>;

/** The kidney-genetics pipeline as jobs: its annotation sources and its evidence sources are the steps of each. */
const PIPELINES = {
  annotations: { urn: 'urn:kidney-genetics:job:annotation-pipeline', name: 'kidney-genetics annotation pipeline' },
  datasources: { urn: 'urn:kidney-genetics:job:evidence-pipeline', name: 'kidney-genetics evidence pipeline' },
} as const;
const SCRAPER_JOB = 'urn:kidney-genetics:job:literature-scraper';

const json = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? null : x));

/**
 * The pipeline's source registries (`backend/config/annotations.yaml`, `datasources.yaml`): a Job per registry and a
 * Step per source, in file order, with its schedule, limits and the whole entry as `paramsJson`. Record = source.
 */
export async function* readKidneyPipelineConfig(file: string, opts: BioReadOptions = {}): AsyncGenerator<StreamedBatch> {
  const b = new BatchBuilder(file, opts);
  const lines = new LineCounter();
  const doc = parseDocument(await readFile(file, 'utf8'), { lineCounter: lines });
  for (const e of doc.errors) b.issue('error', 'YAML_INVALID', e.message, { line: e.linePos?.[0]?.line });
  const root = doc.toJS() as unknown;
  const key = isRecord(root) ? (Object.keys(PIPELINES) as Array<keyof typeof PIPELINES>).find((k) => isRecord(root[k])) : undefined;
  if (!key || !isRecord(root)) {
    b.issue('error', 'KIDNEY_CONFIG_UNKNOWN', 'neither an `annotations:` nor a `datasources:` registry');
    yield b.finish();
    return;
  }
  const job = PIPELINES[key];
  const entries = root[key] as Json;
  const common = isRecord(entries.common) ? entries.common : undefined;
  b.node({
    urn: job.urn,
    labels: ['Job'],
    props: { name: job.name, namespace: 'kidney-genetics', kind: 'kidney-genetics', paramsJson: common ? json(common) : undefined, definedIn: path.basename(file) },
  });
  const node = doc.get(key, true);
  const lineOf = new Map<string, number>();
  if (isMap(node)) {
    for (const pair of node.items) {
      if (isScalar(pair.key) && pair.key.range) lineOf.set(String(pair.key.value), lines.linePos(pair.key.range[0]).line);
    }
  }
  let position = 0;
  for (const [name, entry] of Object.entries(entries)) {
    if (name === 'common') continue;
    position++;
    if (!b.consume()) continue;
    b.guard(lineOf.get(name), name, (f) => addSourceStep(f, job.urn, name, entry, position, key));
    if (b.full) yield b.take();
  }
  yield b.finish();
}

function addSourceStep(f: Fragment, job: string, name: string, entry: unknown, position: number, role: string): void {
  if (!isRecord(entry)) {
    f.issue('warning', 'KIDNEY_CONFIG_ENTRY_INVALID', `source ${name} is not a mapping`);
    return;
  }
  const urn = stepUrn(job, slug(name));
  const props: Props = {
    name,
    position,
    role: role === 'annotations' ? 'annotation' : 'evidence',
    displayName: cell(entry.display_name),
    description: cell(entry.description),
    url: cell(entry.url) ?? cell(entry.base_url),
    documentationUrl: cell(entry.documentation_url),
    updateFrequency: cell(entry.update_frequency),
    active: typeof entry.is_active === 'boolean' ? entry.is_active : typeof entry.auto_update === 'boolean' ? entry.auto_update : undefined,
    priority: num(entry.priority),
    requestsPerSecond: num(entry.requests_per_second),
    maxRetries: num(entry.max_retries),
    cacheTtlDays: num(entry.cache_ttl_days),
    paramsJson: json(entry),
  };
  f.node({ urn, labels: ['Step'], props });
  f.edge('HAS_STEP', job, urn, { position });
  f.count('pipelineSources');
}

/**
 * A literature scraper run summary (`scrapers/literature/output/<date>/literature_summary.json`): one Run of the
 * scraper job that USED each publication (`extracted: false` with the error for failed ones) and generated one
 * output file per extracted publication. Record = publication or extraction error.
 */
export async function* readKidneyScraperSummary(file: string, opts: BioReadOptions = {}): AsyncGenerator<StreamedBatch> {
  const b = new BatchBuilder(file, opts);
  let summary: Json;
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as unknown;
    if (!isRecord(parsed)) throw new Error('not a JSON object');
    summary = parsed;
  } catch (err) {
    b.issue('error', 'JSON_UNREADABLE', (err as Error).message);
    yield b.finish();
    return;
  }
  const time = toUtcIso(summary.timestamp);
  if (cell(summary.timestamp) && !/(Z|[+-]\d\d:?\d\d)$/.test(String(summary.timestamp))) {
    b.issue('info', 'TIME_WITHOUT_OFFSET', `timestamp ${String(summary.timestamp)} has no UTC offset; read as UTC`);
  }
  const runId = cell(summary.timestamp) ?? path.basename(path.dirname(file));
  const run = `urn:kidney-genetics:run:literature:${runId}`;
  const publications = Array.isArray(summary.publications) ? summary.publications : [];
  const errors = Array.isArray(summary.extraction_errors) ? summary.extraction_errors : [];
  const failed = num(summary.failed_extractions) ?? errors.length;
  b.node({ urn: SCRAPER_JOB, labels: ['Job'], props: { name: 'kidney-genetics literature scraper', namespace: 'kidney-genetics', kind: 'kidney-genetics' } });
  b.node({
    urn: run,
    labels: ['Run'],
    props: {
      runId,
      kind: 'kidney-genetics',
      status: 'completed',
      endedAt: time,
      totalPublications: num(summary.total_publications),
      successfulExtractions: num(summary.successful_extractions),
      failedExtractions: failed,
      totalUniqueGenes: num(summary.total_unique_genes),
    },
  });
  b.edge({ type: 'INSTANCE_OF', from: run, to: SCRAPER_JOB });
  const dir = path.basename(path.dirname(file));
  for (const p of publications) {
    if (!b.consume()) continue;
    b.guard(undefined, undefined, (f) => {
      if (!isRecord(p)) throw new Error('publication entry is not an object');
      const pmid = normalizePmid(p.pmid);
      if (!pmid) {
        f.issue('warning', 'BAD_PMID', `publication without a PubMed id: ${json(p.pmid ?? null)}`);
        return;
      }
      f.node({ urn: pmid, labels: ['Publication'], props: { pmid: pmid.slice(5), title: cell(p.title) }, mode: 'reference' });
      f.edge('USED', run, pmid, { extracted: true, geneCount: num(p.gene_count), uniqueGenes: num(p.unique_genes) });
      const output = cell(p.output_file);
      if (output) {
        const out = fileUrn(`kidney-genetics/literature/${dir}/${output}`);
        f.node({ urn: out, labels: ['File'], props: { name: output, path: `${dir}/${output}` } });
        f.edge('WAS_GENERATED_BY', out, run, { role: 'extraction' });
        f.edge('WAS_DERIVED_FROM', out, pmid);
      }
      f.count('publications');
    });
    if (b.full) yield b.take();
  }
  for (const e of errors) {
    if (!b.consume()) continue;
    b.guard(undefined, undefined, (f) => {
      const pmid = isRecord(e) ? normalizePmid(e.pmid) : undefined;
      if (!pmid) throw new Error('extraction error without a PubMed id');
      f.node({ urn: pmid, labels: ['Publication'], props: { pmid: pmid.slice(5) }, mode: 'reference' });
      f.edge('USED', run, pmid, { extracted: false, error: cell((e as Json).error) });
      f.count('failedExtractions');
    });
    if (b.full) yield b.take();
  }
  yield b.finish();
}

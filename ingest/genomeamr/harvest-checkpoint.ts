import { createHash } from 'node:crypto';
import type { StreamedBatch } from '../core/graph.js';
import { BatchBuilder, reportNonStandard, type BioReadOptions, type Fragment } from '../common/batch.js';
import { JsonReadCounter, readTopObject, streamJsonValues } from '../common/json-stream.js';
import { isRecord } from '../common/jsonl.js';
import { cell, num } from '../common/missing.js';
import { addPipelineRun, type PipelineRun } from './pipeline-run.js';

type Json = Record<string, unknown>;

/** Harvested genomes are named by their NCBI assembly uid, not by an accession: a urn space of their own. */
export function ncbiGenomeUrn(uid: string): string {
  return `urn:genome:ncbi:${uid}`;
}

/** `failed` lists uids, or objects naming one and why. */
function failures(value: unknown): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const item of Array.isArray(value) ? value : []) {
    const uid = isRecord(item) ? cell(item.accession) ?? cell(item.uid) ?? cell(item.id) : cell(item);
    if (uid) out.set(uid, isRecord(item) ? cell(item.error) ?? cell(item.reason) : undefined);
  }
  return out;
}

interface Outcome {
  run: string;
  downloaded: Set<string>;
  failed: Map<string, string | undefined>;
}

/** What the run did with a genome: generated it (downloaded) or used it without getting it (failed). */
function linkOutcome(f: Fragment, uid: string, o: Outcome): void {
  if (o.downloaded.has(uid)) f.edge('WAS_GENERATED_BY', ncbiGenomeUrn(uid), o.run, { role: 'download' });
  else if (o.failed.has(uid)) f.edge('USED', o.run, ncbiGenomeUrn(uid), { role: 'genome', downloaded: false, error: o.failed.get(uid) });
}

function mapGenome(entry: Json, o: Outcome, f: Fragment): void {
  const uid = cell(entry.accession);
  if (!uid) throw new Error('metadata entry without accession');
  f.node({
    urn: ncbiGenomeUrn(uid),
    labels: ['Genome'],
    props: {
      accession: uid,
      organism: cell(entry.organism),
      bioSample: cell(entry.biosample),
      bioProject: cell(entry.bioproject),
      assemblyLevel: cell(entry.assembly_level),
      genomeSize: num(entry.genome_size, (bad) => f.issue('warning', 'BAD_NUMBER', `genome_size: "${bad}" is not a number`, { subject: uid })),
    },
  });
  linkOutcome(f, uid, o);
  f.count('genomes');
}

function harvestRun(b: BatchBuilder, meta: Json, failed: Map<string, string | undefined>, downloaded: Set<string>): PipelineRun {
  const search = isRecord(meta.search_result) ? meta.search_result : {};
  const query = cell(search.query);
  if (!query) b.issue('warning', 'GENOMEAMR_HARVEST_WITHOUT_QUERY', 'search_result names no query; the run id is that of an empty query');
  return {
    stage: 'ncbi-harvest',
    runId: createHash('sha256').update(query ?? '').digest('hex').slice(0, 16),
    props: {
      query,
      totalCount: num(search.total_count),
      foundCount: Array.isArray(search.accessions) ? search.accessions.length : undefined,
      downloadedCount: downloaded.size,
      failedCount: failed.size,
    },
  };
}

/**
 * GenomeAMR `harvest_checkpoint.json` (NCBI genome harvest): a Run per search query; each `metadata` entry an owned
 * Genome (`urn:genome:ncbi:<uid>`, organism, BioSample, BioProject); downloaded genomes WAS_GENERATED_BY the run,
 * failed ones are USED `{downloaded: false}` and an info issue. Record = one metadata entry.
 */
export async function* readGenomeAmrHarvestCheckpoint(file: string, opts: BioReadOptions = {}): AsyncGenerator<StreamedBatch> {
  const b = new BatchBuilder(file, opts);
  const counter = new JsonReadCounter();
  const top = await readTopObject(file, 'metadata', counter);
  if ('error' in top) {
    b.issue('error', 'JSON_UNREADABLE', top.error);
    yield b.finish();
    return;
  }
  const meta: Json = top.value;
  const downloaded = new Set((Array.isArray(meta.downloaded) ? meta.downloaded : []).map((x) => cell(x)).filter((x): x is string => x !== undefined));
  const failed = failures(meta.failed);
  const run = harvestRun(b, meta, failed, downloaded);
  const outcome: Outcome = { run: addPipelineRun(b, run), downloaded, failed };
  for (const [uid, error] of failed) b.issue('info', 'GENOMEAMR_DOWNLOAD_FAILED', `${uid}: not downloaded${error ? `: ${error}` : ''}`, { subject: uid });
  const described = new Set<string>();
  for await (const { key, value, error } of streamJsonValues(file, 'metadata', counter)) {
    if (key === -1) {
      // A checkpoint written before any metadata has none: not an error.
      if (!/no metadata array/.test(error ?? '')) b.issue('error', 'JSON_UNREADABLE', error ?? 'unreadable JSON');
      continue;
    }
    const uid = isRecord(value) ? cell(value.accession) : undefined;
    if (uid) described.add(uid);
    if (!b.consume()) continue;
    if (error !== undefined) b.issue('error', 'JSON_RECORD_INVALID', error);
    else if (!isRecord(value)) b.issue('error', 'GENOMEAMR_GENOME_INVALID', `metadata element ${String(key)} is not an object`);
    else b.guard(undefined, uid, (f) => mapGenome(value, outcome, f));
    if (b.full) {
      yield b.take();
      addPipelineRun(b, run);
    }
  }
  // Downloaded or failed genomes without metadata are still outcomes of the run.
  for (const uid of new Set([...downloaded, ...failed.keys()])) {
    if (described.has(uid)) continue;
    b.guard(undefined, uid, (f) => {
      f.node({ urn: ncbiGenomeUrn(uid), labels: ['Genome'], props: { accession: uid }, mode: 'reference' });
      linkOutcome(f, uid, outcome);
    });
  }
  reportNonStandard(b, counter);
  yield b.finish();
}

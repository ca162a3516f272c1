import type { StreamedBatch } from '../core/graph.js';
import { BatchBuilder, reportNonStandard, type BioReadOptions, type Fragment } from '../common/batch.js';
import { readHeadText } from '../common/detect-head.js';
import { resolveGene } from '../common/bio/gene-ref.js';
import { JsonReadCounter, readJsonWithout, streamJsonValues } from '../common/json-stream.js';
import { isRecord, readJsonLines } from '../common/jsonl.js';
import { parseLenientJson } from '../common/lenient-json.js';
import { cell } from '../common/missing.js';
import { slug } from '../common/bio/ids.js';
import { addAnnotation } from '../common/bio/annotation-node.js';
import { kidneyApiTypedProps } from './kidney-api-typed.js';

type Json = Record<string, unknown>;

/** A gene object of the kidney-genetics API: one Annotation per source and version it lists. */
function mapGeneAnnotations(r: Json, f: Fragment, opts: BioReadOptions): void {
  const g = isRecord(r.gene) ? r.gene : {};
  const gene = resolveGene({ hgncId: g.hgnc_id, symbol: g.symbol ?? g.approved_symbol }, { index: opts.geneIndex, defaultTaxon: opts.taxonId });
  if (!gene) {
    f.issue('error', 'GENE_UNIDENTIFIED', 'record names no gene (gene.hgnc_id, gene.symbol missing)');
    return;
  }
  const annotations = isRecord(r.annotations) ? r.annotations : {};
  for (const [sourceName, entries] of Object.entries(annotations)) {
    const list = Array.isArray(entries) ? entries : [entries];
    const seen = new Set<string>();
    for (const entry of list) {
      if (!isRecord(entry)) {
        f.issue('warning', 'KIDNEY_API_ENTRY_INVALID', `${sourceName}: entry is not an object`, { subject: gene.urn });
        continue;
      }
      const version = cell(entry.version) ?? opts.version ?? 'unknown';
      if (seen.has(version)) f.issue('warning', 'ANNOTATION_VERSION_DUPLICATE', `${sourceName} ${version} listed twice; the last one wins`, { subject: gene.urn });
      seen.add(version);
      const metadata = isRecord(entry.metadata) ? entry.metadata : isRecord(entry.source_metadata) ? entry.source_metadata : {};
      const data = entry.data ?? entry.annotations;
      addAnnotation(f, { name: slug(sourceName), version }, {
        gene,
        updatedAt: cell(entry.updated_at),
        data: entry,
        props: {
          retrievedAt: cell(metadata.retrieved_at),
          fromCache: typeof metadata.from_cache === 'boolean' ? metadata.from_cache : undefined,
          kidneyGeneticsGeneId: cell(g.id),
          ...kidneyApiTypedProps(sourceName, data),
        },
      });
    }
  }
}

interface ApiRecord {
  value?: unknown;
  line?: number;
  error?: string;
  /** A problem with the document, not with one record. */
  fatal?: boolean;
}

async function* records(file: string, counter: JsonReadCounter): AsyncGenerator<ApiRecord> {
  const head = (await readHeadText(file, 65536)).trimStart();
  const firstLine = head.split('\n', 1)[0] ?? '';
  let jsonl = false;
  try {
    jsonl = isRecord(parseLenientJson(firstLine).value) && head.slice(firstLine.length).trim() !== '';
  } catch {
    jsonl = false;
  }
  if (jsonl) {
    for await (const item of readJsonLines(file)) yield item.error !== undefined ? { line: item.line, error: item.error } : { value: item.value, line: item.line };
    return;
  }
  const envelope = /^\{\s*"(data|items|results|genes)"\s*:\s*\[/.exec(head)?.[1];
  if (head.startsWith('[') || envelope) {
    for await (const item of streamJsonValues(file, envelope ?? '', counter)) yield { value: item.value, error: item.error, fatal: item.key === -1 };
    return;
  }
  try {
    yield { value: await readJsonWithout(file, '', counter) };
  } catch (err) {
    yield { error: (err as Error).message };
  }
}

/**
 * kidney-genetics per-gene annotation API shape `{gene:{id,symbol,hgnc_id}, annotations:{<source>:[{version, data,
 * metadata, updated_at}]}}`: one object, an array, an `items/data` envelope, or JSONL. Every listed version is its
 * own Annotation (history kept); `version` and `updatedAt` order them. Record = one gene object.
 */
export async function* readKidneyAnnotationApi(file: string, opts: BioReadOptions = {}): AsyncGenerator<StreamedBatch> {
  const b = new BatchBuilder(file, opts);
  const counter = new JsonReadCounter();
  for await (const { value, line, error, fatal } of records(file, counter)) {
    if (fatal) {
      b.issue('error', 'JSON_UNREADABLE', error ?? 'unreadable JSON');
      continue;
    }
    if (!b.consume()) continue;
    if (error !== undefined) b.issue('error', 'JSON_RECORD_INVALID', error, { line });
    else if (!isRecord(value)) b.issue('error', 'KIDNEY_API_RECORD_INVALID', 'record is not a JSON object', { line });
    else b.guard(line, undefined, (f) => mapGeneAnnotations(value, f, opts));
    if (b.full) yield b.take();
  }
  reportNonStandard(b, counter);
  yield b.finish();
}

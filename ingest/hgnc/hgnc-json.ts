import type { StreamedBatch } from '../core/graph.js';
import { BatchBuilder, reportNonStandard, type BioReadOptions } from '../common/batch.js';
import { readHeadText } from '../common/detect-head.js';
import { JsonReadCounter, readJsonWithout, streamJsonValues, type JsonItem } from '../common/json-stream.js';
import { isRecord, readJsonLines } from '../common/jsonl.js';
import { mapHgncDoc } from './hgnc-record.js';

/** Where the gene documents are in an HGNC JSON file: REST/Solr `response.docs`, a bare array, or one document. */
async function docsPath(file: string): Promise<string | undefined> {
  const head = (await readHeadText(file, 4096)).trimStart();
  if (head.startsWith('[')) return '';
  if (/"response"\s*:/.test(head)) return 'response.docs';
  if (/^\{\s*"docs"\s*:/.test(head)) return 'docs';
  return undefined;
}

async function* docs(file: string, counter: JsonReadCounter): AsyncGenerator<JsonItem> {
  const path = await docsPath(file);
  if (path !== undefined) {
    yield* streamJsonValues(file, path, counter);
    return;
  }
  try {
    yield { key: 0, value: await readJsonWithout(file, '', counter) };
  } catch (err) {
    yield { key: 0, error: (err as Error).message };
  }
}

/** HGNC REST/Solr JSON (`response.docs[]`), an array of docs, or a single doc. Record = one gene document. */
export async function* readHgncJson(file: string, opts: BioReadOptions = {}): AsyncGenerator<StreamedBatch> {
  const b = new BatchBuilder(file, opts);
  const counter = new JsonReadCounter();
  for await (const item of docs(file, counter)) {
    if (item.key === -1) {
      b.issue('error', 'JSON_UNREADABLE', item.error ?? 'unreadable JSON');
      continue;
    }
    if (!b.consume()) continue;
    const doc = item.value;
    if (item.error !== undefined) b.issue('error', 'JSON_RECORD_INVALID', item.error);
    else if (!isRecord(doc)) b.issue('error', 'HGNC_DOC_INVALID', 'gene document is not a JSON object');
    else b.guard(undefined, String(doc.hgnc_id ?? doc.symbol ?? ''), (f) => mapHgncDoc(doc, f));
    if (b.full) yield b.take();
  }
  reportNonStandard(b, counter);
  yield b.finish();
}

/** HGNC complete-set JSONL (one doc per line). Record = one line. */
export async function* readHgncJsonl(file: string, opts: BioReadOptions = {}): AsyncGenerator<StreamedBatch> {
  const b = new BatchBuilder(file, opts);
  for await (const item of readJsonLines(file)) {
    if (!b.consume()) continue;
    if (item.error !== undefined) b.issue('error', 'JSON_LINE_INVALID', item.error, { line: item.line });
    else if (!isRecord(item.value)) b.issue('error', 'HGNC_DOC_INVALID', 'line is not a JSON object', { line: item.line });
    else {
      const doc = item.value;
      b.guard(item.line, String(doc.hgnc_id ?? doc.symbol ?? ''), (f) => mapHgncDoc(doc, f));
    }
    if (b.full) yield b.take();
  }
  yield b.finish();
}

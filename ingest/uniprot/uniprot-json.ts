import type { StreamedBatch } from '../core/graph.js';
import { BatchBuilder, reportNonStandard, type BioReadOptions } from '../common/batch.js';
import { readHeadText } from '../common/detect-head.js';
import { JsonReadCounter, readJsonWithout, streamJsonValues, type JsonItem } from '../common/json-stream.js';
import { isRecord } from '../common/jsonl.js';
import { mapIdMappingResult } from './uniprot-idmapping.js';
import { mapUniprotEntry } from './uniprot-entry.js';

async function* records(file: string, counter: JsonReadCounter): AsyncGenerator<JsonItem> {
  const head = (await readHeadText(file, 4096)).trimStart();
  if (head.startsWith('[')) yield* streamJsonValues(file, '', counter);
  else if (/"results"\s*:\s*\[/.test(head) && !/^\{\s*"(entryType|primaryAccession)"/.test(head)) yield* streamJsonValues(file, 'results', counter);
  else {
    try {
      yield { key: 0, value: await readJsonWithout(file, '', counter) };
    } catch (err) {
      yield { key: 0, error: (err as Error).message };
    }
  }
}

/**
 * rest.uniprot.org JSON: a single UniProtKB entry, a `/search` or stream download (`results[]`), or an ID-mapping
 * result (`results[{from, to}]`, with `failedIds`). Record = one entry / one mapping.
 */
export async function* readUniprotJson(file: string, opts: BioReadOptions = {}): AsyncGenerator<StreamedBatch> {
  const b = new BatchBuilder(file, opts);
  const counter = new JsonReadCounter();
  const o = { geneIndex: opts.geneIndex, defaultTaxon: opts.taxonId };
  for await (const { key, value: item, error } of records(file, counter)) {
    if (key === -1) {
      b.issue('error', 'JSON_UNREADABLE', error ?? 'unreadable JSON');
      continue;
    }
    if (!b.consume()) continue;
    if (error !== undefined) b.issue('error', 'JSON_RECORD_INVALID', error);
    else if (!isRecord(item)) b.issue('error', 'UNIPROT_RECORD_INVALID', 'record is not a JSON object');
    else if ('from' in item && 'to' in item) b.guard(undefined, String(item.from), (f) => mapIdMappingResult(item, f, o));
    else b.guard(undefined, String(item.primaryAccession ?? ''), (f) => mapUniprotEntry(item, f, o));
    if (b.full) yield b.take();
  }
  // ID-mapping results end with `failedIds`: a second pass over the document outside results[] reads them.
  const head = (await readHeadText(file, 4096)).trimStart();
  if (/^\{\s*"results"\s*:\s*\[\s*\{\s*"from"/.test(head)) {
    try {
      const rest = await readJsonWithout(file, 'results', counter);
      const failed = isRecord(rest) && Array.isArray(rest.failedIds) ? rest.failedIds : [];
      for (const id of failed) b.issue('info', 'UNIPROT_IDMAPPING_FAILED_ID', `ID mapping found nothing for ${String(id)}`, { subject: String(id) });
    } catch (err) {
      b.issue('error', 'JSON_UNREADABLE', `JSON outside results[] unreadable: ${(err as Error).message}`);
    }
  }
  reportNonStandard(b, counter);
  yield b.finish();
}

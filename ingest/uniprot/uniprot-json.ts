import type { StreamedBatch } from '../core/graph.js';
import { BatchBuilder, type BioReadOptions } from '../bio/batch.js';
import { readHeadText } from '../bio/detect-head.js';
import { readJsonWithout, streamJsonArray } from '../bio/json-stream.js';
import { isRecord } from '../bio/jsonl.js';
import { NonStandardJsonSanitizer } from '../bio/lenient-json.js';
import { mapIdMappingResult } from './uniprot-idmapping.js';
import { mapUniprotEntry } from './uniprot-entry.js';

async function* records(file: string, sanitizer: NonStandardJsonSanitizer): AsyncGenerator<unknown> {
  const head = (await readHeadText(file, 4096)).trimStart();
  if (head.startsWith('[')) yield* streamJsonArray(file, '', sanitizer);
  else if (/^\{\s*"results"\s*:/.test(head)) yield* streamJsonArray(file, 'results', sanitizer);
  else yield await readJsonWithout(file, [], sanitizer);
}

/**
 * rest.uniprot.org JSON: a single UniProtKB entry, a `/search` or stream download (`results[]`), or an ID-mapping
 * result (`results[{from, to}]`, with `failedIds`). Record = one entry / one mapping.
 */
export async function* readUniprotJson(file: string, opts: BioReadOptions = {}): AsyncGenerator<StreamedBatch> {
  const b = new BatchBuilder(file, opts);
  const sanitizer = new NonStandardJsonSanitizer();
  const o = { geneIndex: opts.geneIndex, defaultTaxon: opts.taxonId };
  try {
    for await (const item of records(file, sanitizer)) {
      if (!b.consume()) continue;
      if (!isRecord(item)) b.issue('error', 'UNIPROT_RECORD_INVALID', 'record is not a JSON object');
      else if ('from' in item && 'to' in item) b.guard(undefined, String(item.from), (f) => mapIdMappingResult(item, f, o));
      else b.guard(undefined, String(item.primaryAccession ?? ''), (f) => mapUniprotEntry(item, f, o));
      if (b.full) yield b.take();
    }
    const head = (await readHeadText(file, 256)).trimStart();
    if (/^\{\s*"results"/.test(head)) {
      const rest = await readJsonWithout(file, ['results'], sanitizer);
      const failed = isRecord(rest) && Array.isArray(rest.failedIds) ? rest.failedIds : [];
      for (const id of failed) b.issue('info', 'UNIPROT_IDMAPPING_FAILED_ID', `ID mapping found nothing for ${String(id)}`, { subject: String(id) });
    }
  } catch (err) {
    b.issue('error', 'JSON_UNREADABLE', `JSON parsing stopped: ${(err as Error).message}`);
  }
  if (sanitizer.replaced) b.issue('warning', 'JSON_NON_STANDARD_NUMBER', `${sanitizer.replaced} bare NaN/Infinity read as null`);
  yield b.finish();
}

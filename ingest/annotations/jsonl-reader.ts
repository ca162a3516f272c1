import type { StreamedBatch } from '../core/graph.js';
import { BatchBuilder, type BioReadOptions, type Fragment } from '../common/batch.js';
import { isRecord, readJsonLines } from '../common/jsonl.js';
import { annotationContext, type AnnotationContext } from './context.js';

export interface AnnotationJsonlFormat {
  source: string;
  defaultVersion?: string;
  mapRecord(record: Record<string, unknown>, ctx: AnnotationContext, f: Fragment): void;
}

/** One JSON object per line; record = one line. Broken lines and non-objects are reported, never fatal. */
export async function* readAnnotationJsonl(
  file: string,
  opts: BioReadOptions,
  fmt: AnnotationJsonlFormat,
): AsyncGenerator<StreamedBatch> {
  const b = new BatchBuilder(file, opts);
  const ctx = annotationContext(b, opts, { name: fmt.source, ...(fmt.defaultVersion ? { defaultVersion: fmt.defaultVersion } : {}) });
  for await (const item of readJsonLines(file)) {
    if (!b.consume()) continue;
    if (item.error !== undefined) b.issue('error', 'JSON_LINE_INVALID', item.error, { line: item.line });
    else if (!isRecord(item.value)) b.issue('error', 'JSON_LINE_INVALID', 'line is not a JSON object', { line: item.line });
    else {
      const record = item.value;
      if (item.replaced) b.issue('info', 'JSON_NON_STANDARD_NUMBER', `${item.replaced} bare NaN/Infinity read as null`, { line: item.line });
      b.guard(item.line, undefined, (f) => fmt.mapRecord(record, ctx, f));
    }
    if (b.full) yield b.take();
  }
  yield b.finish();
}

import type { StreamedBatch } from '../core/graph.js';
import { BatchBuilder, type BioReadOptions, type Fragment } from '../common/batch.js';
import { readTable, type TableRow } from '../common/delimited.js';
import { annotationContext, type AnnotationContext, type SourceDefaults } from './context.js';

export interface AnnotationTableFormat {
  source: string;
  delimiter: '\t' | ',';
  commentPrefix?: string;
  headerFromComment?: (text: string) => string[] | undefined;
  /** Reads the release (and retrieval date) from preamble lines, which come before the first row. */
  preamble?: (text: string, d: SourceDefaults) => void;
  defaultVersion?: string;
  /** Map one data row; call nothing on the fragment to produce nothing (after reporting why). */
  mapRow(row: TableRow, ctx: AnnotationContext, f: Fragment): void;
}

/** Stream a per-gene annotation table: one record = one data row. */
export async function* readAnnotationTable(
  file: string,
  opts: BioReadOptions,
  fmt: AnnotationTableFormat,
): AsyncGenerator<StreamedBatch> {
  const b = new BatchBuilder(file, opts);
  const defaults: SourceDefaults = { name: fmt.source, ...(fmt.defaultVersion ? { defaultVersion: fmt.defaultVersion } : {}) };
  let ctx: AnnotationContext | undefined;
  const rows = annotationRows(file, fmt, b, defaults);
  for await (const row of rows) {
    ctx ??= annotationContext(b, opts, defaults);
    if (!b.consume()) continue;
    const c = ctx;
    b.guard(row.line, undefined, (f) => fmt.mapRow(row, c, f));
    if (b.full) yield b.take();
  }
  yield b.finish();
}

/** The rows of an annotation table as its format describes them, with reading problems as the batch's issues. */
export function annotationRows(
  file: string,
  fmt: Pick<AnnotationTableFormat, 'delimiter' | 'commentPrefix' | 'headerFromComment' | 'preamble'>,
  b: BatchBuilder,
  defaults: SourceDefaults,
): AsyncGenerator<TableRow> {
  return readTable(file, {
    delimiter: fmt.delimiter,
    ...(fmt.commentPrefix !== undefined ? { commentPrefix: fmt.commentPrefix } : {}),
    ...(fmt.headerFromComment ? { headerFromComment: fmt.headerFromComment } : {}),
    onPreamble: (text) => fmt.preamble?.(text, defaults),
    onIssue: (severity, code, message, line) => b.issue(severity, code, message, { line }),
  });
}

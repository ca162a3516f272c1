import type { StreamedBatch } from '../core/graph.js';
import { BatchBuilder, type BioReadOptions, type Fragment } from '../common/batch.js';
import type { TableRow } from '../common/delimited.js';
import { annotationRows } from './table-reader.js';
import { annotationContext, type AnnotationContext, type SourceDefaults } from './context.js';

export interface GroupedTableFormat {
  source: string;
  delimiter: '\t' | ',';
  commentPrefix?: string;
  headerFromComment?: (text: string) => string[] | undefined;
  preamble?: (text: string, d: SourceDefaults) => void;
  defaultVersion?: string;
  /** The release told by the header's columns (used when the file name names none), over `defaultVersion`. */
  versionFromColumns?: (columns: string[]) => string | undefined;
  /** Rows with the same key (consecutive) are one gene. */
  groupKey(row: TableRow): string;
  mapGroup(rows: TableRow[], ctx: AnnotationContext, f: Fragment): void;
}

/**
 * Tables with several rows per gene (gnomAD transcripts, HPO phenotypes). Rows of a gene must be consecutive, as
 * the releases write them: memory holds one gene's rows, never the file. Record = one row; batches end on gene
 * boundaries, so every `position` resumes at the start of a gene.
 */
export async function* readGroupedTable(
  file: string,
  opts: BioReadOptions,
  fmt: GroupedTableFormat,
): AsyncGenerator<StreamedBatch> {
  const b = new BatchBuilder(file, opts);
  const defaults: SourceDefaults = { name: fmt.source, ...(fmt.defaultVersion ? { defaultVersion: fmt.defaultVersion } : {}) };
  let ctx: AnnotationContext | undefined;
  let group: TableRow[] = [];
  let key: string | undefined;
  const close = () => {
    const rows = group;
    const c = ctx!;
    group = [];
    b.guard(rows[0]!.line, key, (f) => fmt.mapGroup(rows, c, f));
  };
  const rows = annotationRows(file, fmt, b, defaults);
  for await (const row of rows) {
    if (!ctx) {
      const told = fmt.versionFromColumns?.(Object.keys(row.values));
      if (told) defaults.defaultVersion = told;
      ctx = annotationContext(b, opts, defaults);
    }
    const k = fmt.groupKey(row);
    if (group.length && k !== key) {
      close();
      if (b.full) yield b.take();
    }
    if (!b.consume()) continue;
    group.push(row);
    key = k;
  }
  if (group.length) close();
  yield b.finish();
}

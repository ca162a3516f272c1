import { parse } from 'csv-parse';
import type { IssueSeverity } from '../core/graph.js';
import { openContent, readLines } from './text-stream.js';

export interface TableRow {
  /** 1-based line of the row (its last line for a quoted multi-line CSV record). */
  line: number;
  /** Cells by header name; a column repeated in the header keeps its first cell. */
  values: Record<string, string>;
  cells: string[];
}

export type IssueSink = (severity: IssueSeverity, code: string, message: string, line?: number) => void;

export interface TableOptions {
  delimiter: '\t' | ',';
  /** Lines with this prefix before the header are preamble (default `#`). */
  commentPrefix?: string;
  /** A preamble line that is really the header (ClinGen `#Gene Symbol…`, HPO `#Format: …`) → its column names. */
  headerFromComment?: (text: string) => string[] | undefined;
  /**
   * Headerless files: fixed column names, or a function choosing them per row from its cells (BLAST tabular, whose
   * layout a `# Fields:` comment or the cell count tells; undefined: unknown, the row comes with no `values`).
   */
  columns?: string[] | ((cells: string[]) => string[] | undefined);
  /** TSV only: `"A|B"` cells are unquoted (default true); false keeps every cell as written (Nextflow traces). */
  unquote?: boolean;
  /** Preamble lines in file order, also those after the header (they may change state the row mapping reads). */
  onPreamble?: (text: string, line: number) => void;
  /** The header read from the file (trimmed), with its line. */
  onHeader?: (columns: string[], line: number) => void;
  onIssue?: IssueSink;
}

/** A TSV cell as written by Excel/R/pandas: `"A|B"` → `A|B`, doubled quotes unescaped. */
function unquote(cell: string): string {
  return cell.length >= 2 && cell.startsWith('"') && cell.endsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
}

function toRow(header: string[], cells: string[], line: number, onIssue?: IssueSink): TableRow {
  // Fewer cells than columns is how many writers end a row of empty trailing cells; more cells means data without
  // a column name, which is reported.
  if (cells.length > header.length && cells.slice(header.length).some((c) => c.trim() !== '')) {
    onIssue?.('warning', 'ROW_COLUMN_COUNT', `row has ${cells.length} cells, header has ${header.length}`, line);
  }
  const values: Record<string, string> = {};
  header.forEach((name, i) => {
    if (!(name in values) && i < cells.length) values[name] = cells[i]!;
  });
  return { line, values, cells };
}

/** Rows of a delimited file as a stream (O(1) memory); the header is the first non-preamble line. */
export async function* readTable(file: string, o: TableOptions): AsyncGenerator<TableRow> {
  if (o.delimiter === ',') yield* readCsv(file, o);
  else yield* readTsv(file, o);
}

async function* readTsv(file: string, o: TableOptions): AsyncGenerator<TableRow> {
  const comment = o.commentPrefix ?? '#';
  const columnsOf = typeof o.columns === 'function' ? o.columns : undefined;
  const keepQuotes = o.unquote === false;
  let header = typeof o.columns === 'function' ? undefined : o.columns;
  for await (const { line, text } of readLines(file)) {
    if (text.trim() === '') continue;
    if (comment && text.startsWith(comment)) {
      const fromComment = header ? undefined : o.headerFromComment?.(text);
      if (fromComment) header = fromComment;
      else o.onPreamble?.(text, line);
      continue;
    }
    const cells = keepQuotes ? text.split('\t') : text.split('\t').map(unquote);
    if (columnsOf) {
      const columns = columnsOf(cells);
      yield toRow(columns ?? [], cells, line, columns && o.onIssue);
      continue;
    }
    if (!header) {
      header = cells.map((c) => c.trim());
      o.onHeader?.(header, line);
      continue;
    }
    yield toRow(header, cells, line, o.onIssue);
  }
}

interface CsvItem {
  record: string[];
  info: { lines: number };
}

async function* readCsv(file: string, o: TableOptions): AsyncGenerator<TableRow> {
  const columnsOf = typeof o.columns === 'function' ? o.columns : undefined;
  let header = typeof o.columns === 'function' ? undefined : o.columns;
  const parser = parse({
    bom: true,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err) => {
      o.onIssue?.('error', 'CSV_RECORD_INVALID', `unreadable CSV record skipped: ${err?.message ?? 'unknown'}`, typeof err?.lines === 'number' ? err.lines : undefined);
      return undefined;
    },
  });
  const input = await openContent(file);
  input.on('error', (err) => parser.destroy(err));
  input.pipe(parser);
  try {
    for await (const item of parser as AsyncIterable<CsvItem>) {
      const { record, info } = item;
      if (columnsOf) {
        const columns = columnsOf(record);
        yield toRow(columns ?? [], record, info.lines, columns && o.onIssue);
        continue;
      }
      if (!header) {
        header = record.map((c) => c.trim());
        o.onHeader?.(header, info.lines);
        continue;
      }
      yield toRow(header, record, info.lines, o.onIssue);
    }
  } catch (err) {
    o.onIssue?.('error', 'CSV_UNREADABLE', `CSV parsing stopped: ${(err as Error).message}`);
  } finally {
    input.destroy();
  }
}

import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { JsonScanner, type ScanSelector } from './json-scan.js';

export interface JsonFileItem {
  /** The parsed value; undefined when `error` is set. */
  value: unknown;
  /** 1-based line the value starts on. */
  line: number;
  error?: string;
}

interface Chunk {
  text: string;
  startLine: number;
  endLine: number;
  error?: string;
}

/**
 * JSON values of a file holding one JSON document, a JSON array (its elements are yielded), NDJSON or concatenated
 * documents, cut out by JsonScanner (select mode: top-level values, or the elements of a first top-level array) and
 * each parsed on its own. A first value that starts and ends on one line outside an array means NDJSON: from there on
 * each line stands alone, so one truncated line cannot swallow the rest of the file. Unreadable parts are yielded
 * with `error` and reading goes on.
 */
export async function* readJsonValues(file: string): AsyncGenerator<JsonFileItem> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  const chunks: Chunk[] = [];
  let inArray = false;
  let lineNo = 0;
  const selector: ScanSelector = {
    // Only the very first top-level value may be the array whose elements are yielded.
    select(key, depth, kind) {
      if (depth === 0 && key === 0 && kind === 'array') {
        inArray = true;
        return 'enter';
      }
      return 'capture';
    },
    // A stray bracket or colon is an error item; a missing, extra or trailing comma is tolerated (as the line splitter
    // this replaces did).
    error(message, line) {
      if (!/comma/.test(message)) chunks.push({ text: '', startLine: line, endLine: line, error: `invalid JSON: ${message}` });
    },
  };
  const scanner = new JsonScanner([], 'select', (text, _key, startLine) => chunks.push({ text, startLine, endLine: scanner.line }), selector);
  let mode: 'detect' | 'lines' | 'stream' = 'detect';
  for await (const text of lines) {
    lineNo += 1;
    if (mode === 'lines') {
      if (text.trim() === '') continue;
      yield parseChunk({ text, startLine: lineNo, endLine: lineNo });
      continue;
    }
    scanner.push(`${text}\n`);
    for (const chunk of chunks.splice(0)) {
      if (mode === 'detect') mode = !inArray && chunk.startLine === chunk.endLine ? 'lines' : 'stream';
      yield parseChunk(chunk);
    }
  }
  scanner.end();
  for (const chunk of chunks.splice(0)) yield parseChunk(chunk);
  const pending = scanner.pendingLine;
  if (pending !== undefined) yield { value: undefined, line: pending, error: 'unterminated JSON value at end of file' };
  else if (inArray && scanner.open) yield { value: undefined, line: lineNo, error: 'JSON array not closed at end of file' };
}

function parseChunk(chunk: Chunk): JsonFileItem {
  if (chunk.error !== undefined) return { value: undefined, line: chunk.startLine, error: chunk.error };
  try {
    return { value: JSON.parse(chunk.text), line: chunk.startLine };
  } catch (err) {
    return { value: undefined, line: chunk.startLine, error: `invalid JSON: ${(err as Error).message}` };
  }
}

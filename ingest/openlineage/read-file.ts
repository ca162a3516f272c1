import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { JsonValueSplitter, type JsonChunk } from './json-values.js';

export interface OpenLineageFileItem {
  /** The parsed event; undefined when `error` is set. */
  event: unknown;
  /** 1-based line the event starts on. */
  line: number;
  /** Why this part of the file could not be read as JSON. */
  error?: string;
}

/**
 * Reads OpenLineage events from a file holding one JSON object, a JSON array of events, NDJSON (one event per
 * line) or concatenated objects. A broken NDJSON line or array element is yielded as an item with `error` and
 * reading goes on.
 */
export async function* readOpenLineageFile(file: string): AsyncGenerator<OpenLineageFileItem> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  const splitter = new JsonValueSplitter();
  let mode: 'detect' | 'lines' | 'stream' = 'detect';
  let lineNo = 0;
  for await (const text of lines) {
    lineNo += 1;
    if (mode === 'lines') {
      if (text.trim() === '') continue;
      yield parseChunk({ text, startLine: lineNo, endLine: lineNo });
      continue;
    }
    for (const chunk of splitter.push(`${text}\n`, lineNo)) {
      // A first object that starts and ends on one line, outside an array, means NDJSON: from here on every line
      // stands alone, so one truncated line cannot swallow the rest of the file.
      if (mode === 'detect') mode = !splitter.inArray && chunk.startLine === chunk.endLine ? 'lines' : 'stream';
      yield parseChunk(chunk);
    }
  }
  const rest = splitter.end();
  if (rest) yield { event: undefined, line: rest.startLine, error: 'unterminated JSON value at end of file' };
  else if (splitter.unclosedArray) yield { event: undefined, line: lineNo, error: 'JSON array not closed at end of file' };
}

function parseChunk(chunk: JsonChunk): OpenLineageFileItem {
  try {
    return { event: JSON.parse(chunk.text), line: chunk.startLine };
  } catch (err) {
    return { event: undefined, line: chunk.startLine, error: `invalid JSON: ${(err as Error).message}` };
  }
}

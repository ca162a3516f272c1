import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export interface JsonChunk {
  text: string;
  startLine: number;
  endLine: number;
}

/**
 * Splits text, fed line by line, into top-level JSON values — or into the elements of one top-level array —
 * without parsing them, remembering the line each value starts on. Only string/escape state and bracket depth are
 * tracked; the caller parses each chunk with JSON.parse.
 */
export class JsonValueSplitter {
  private depth = 0;
  private inString = false;
  private escape = false;
  private buffer = '';
  private startLine = 0;
  private started = false;
  private sawFirst = false;
  inArray = false;
  private arrayClosed = false;

  push(text: string, line: number): JsonChunk[] {
    const out: JsonChunk[] = [];
    for (const ch of text) {
      if (!this.sawFirst) {
        if (ch === '\uFEFF' || /\s/.test(ch)) continue;
        this.sawFirst = true;
        if (ch === '[') {
          this.inArray = true;
          continue;
        }
      }
      if (!this.started) {
        if (/\s/.test(ch) || ch === ',') continue;
        if (this.inArray && ch === ']' ) {
          this.arrayClosed = true;
          continue;
        }
        this.started = true;
        this.startLine = line;
        this.buffer = '';
      }
      if (this.inString) {
        this.buffer += ch;
        if (this.escape) this.escape = false;
        else if (ch === '\\') this.escape = true;
        else if (ch === '"') {
          this.inString = false;
          if (this.depth === 0) out.push(this.take(line));
        }
        continue;
      }
      if (this.depth === 0 && this.buffer !== '' && (/[\s,]/.test(ch) || ch === ']')) {
        // End of a bare scalar (number, true, null) at the top level.
        out.push(this.take(line));
        if (ch === ']' && this.inArray) this.arrayClosed = true;
        continue;
      }
      this.buffer += ch;
      if (ch === '"') this.inString = true;
      else if (ch === '{' || ch === '[') this.depth += 1;
      else if (ch === '}' || ch === ']') {
        this.depth -= 1;
        if (this.depth <= 0) out.push(this.take(line));
      }
    }
    return out;
  }

  /** Whatever is left unterminated at end of input. */
  end(): JsonChunk | undefined {
    if (!this.started || this.buffer.trim() === '') return undefined;
    return this.take(this.startLine);
  }

  /** A top-level `[` was never closed. */
  get unclosedArray(): boolean {
    return this.inArray && !this.arrayClosed;
  }

  private take(endLine: number): JsonChunk {
    const chunk = { text: this.buffer, startLine: this.startLine, endLine };
    this.buffer = '';
    this.started = false;
    this.depth = 0;
    this.inString = false;
    this.escape = false;
    return chunk;
  }
}

export interface JsonFileItem {
  /** The parsed value; undefined when `error` is set. */
  value: unknown;
  /** 1-based line the value starts on. */
  line: number;
  error?: string;
}

/**
 * JSON values of a file holding one JSON document, a JSON array (its elements are yielded), NDJSON or concatenated
 * documents. A first value that starts and ends on one line outside an array means NDJSON: from there on each line
 * stands alone, so one truncated line cannot swallow the rest of the file. Unreadable parts are yielded with
 * `error` and reading goes on.
 */
export async function* readJsonValues(file: string): AsyncGenerator<JsonFileItem> {
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
      if (mode === 'detect') mode = !splitter.inArray && chunk.startLine === chunk.endLine ? 'lines' : 'stream';
      yield parseChunk(chunk);
    }
  }
  const rest = splitter.end();
  if (rest) yield { value: undefined, line: rest.startLine, error: 'unterminated JSON value at end of file' };
  else if (splitter.unclosedArray) yield { value: undefined, line: lineNo, error: 'JSON array not closed at end of file' };
}

function parseChunk(chunk: JsonChunk): JsonFileItem {
  try {
    return { value: JSON.parse(chunk.text), line: chunk.startLine };
  } catch (err) {
    return { value: undefined, line: chunk.startLine, error: `invalid JSON: ${(err as Error).message}` };
  }
}

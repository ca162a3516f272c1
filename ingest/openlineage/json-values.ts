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

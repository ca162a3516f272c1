/**
 * A minimal streaming JSON scanner: it follows only the structure (containers, keys, strings) and cuts out raw
 * text, which native JSON.parse then reads. `values` mode yields each value directly inside the container at a
 * path; `omit` mode keeps the whole document except that container's content. stream-json (tokenising every value
 * in JS) measured ~3 MB/s on UniProt downloads; this runs near disk speed, memory bounded by the largest value.
 */

interface Frame {
  kind: 'object' | 'array';
  /** Keys from the root; array levels are '*'. */
  path: string[];
  key?: string;
  expectKey: boolean;
}

export type ScanMode = 'values' | 'omit';

const isWs = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff;

export class JsonScanner {
  private stack: Frame[] = [];
  private inString = false;
  private stringIsKey = false;
  private escapeCarry = false;
  private keyParts: string[] = [];
  /** Depth of the target container while inside it, else -1. */
  private targetDepth = -1;
  /** values mode: the kind of value being captured, if any. */
  private capture: 'container' | 'string' | 'primitive' | undefined;
  private parts: string[] = [];
  private segStart = 0;
  private index = 0;
  private keeping: boolean;
  private kept: string[] = [];
  /** Position of the next backslash in the current chunk at or after the last search (Infinity: none left). */
  private nextBackslash = -1;

  constructor(
    private readonly target: string[],
    private readonly mode: ScanMode,
    private readonly onValue: (text: string, key: string | number) => void = () => {},
  ) {
    this.keeping = mode === 'omit';
  }

  /** omit mode: the document with the target container emptied. */
  rest(): string {
    return this.kept.join('').replace(/^\uFEFF/, '');
  }

  /** Whether the container at the target path was seen. */
  get foundTarget(): boolean {
    return this.targetDepth !== -1;
  }

  /** Whether the input ended on a complete document (every container and string closed). */
  get complete(): boolean {
    return this.stack.length === 0 && !this.inString && !this.capture;
  }

  /** True when a value directly inside the target container begins at the current position. */
  private inTarget(): boolean {
    return this.targetDepth >= 0 && this.stack.length === this.targetDepth;
  }

  private isTargetPath(path: string[]): boolean {
    return path.length === this.target.length && path.every((p, i) => p === this.target[i]);
  }

  private begin(kind: 'container' | 'string' | 'primitive', at: number): void {
    if (this.mode !== 'values' || this.capture || !this.inTarget()) return;
    this.capture = kind;
    this.parts = [];
    this.segStart = at;
  }

  private finish(chunk: string, end: number): void {
    this.parts.push(chunk.slice(this.segStart, end));
    const text = this.parts.join('').trim();
    this.parts = [];
    this.capture = undefined;
    const top = this.stack[this.stack.length - 1]!;
    this.onValue(text, top.kind === 'object' ? (top.key ?? '') : this.index++);
  }

  push(chunk: string): void {
    const n = chunk.length;
    this.segStart = 0;
    this.nextBackslash = -1;
    let i = 0;
    while (i < n) {
      if (this.inString) {
        i = this.scanString(chunk, i);
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (isWs(c)) {
        i++;
        continue;
      }
      const top = this.stack[this.stack.length - 1];
      if (c === 0x22) {
        this.stringIsKey = !!top && top.kind === 'object' && top.expectKey;
        if (!this.stringIsKey) this.begin('string', i);
        this.inString = true;
        i++;
      } else if (c === 0x3a) {
        if (top) top.expectKey = false;
        i++;
      } else if (c === 0x2c) {
        if (this.capture === 'primitive' && this.inTarget()) this.finish(chunk, i);
        if (top?.kind === 'object') top.expectKey = true;
        i++;
      } else if (c === 0x7b || c === 0x5b) {
        this.begin('container', i);
        const path = top ? [...top.path, top.kind === 'object' ? (top.key ?? '') : '*'] : [];
        this.stack.push({ kind: c === 0x7b ? 'object' : 'array', path, expectKey: c === 0x7b });
        i++;
        if (this.targetDepth < 0 && this.isTargetPath(path)) {
          this.targetDepth = this.stack.length;
          this.index = 0;
          if (this.mode === 'omit') {
            this.kept.push(chunk.slice(this.segStart, i));
            this.keeping = false;
          }
        }
      } else if (c === 0x7d || c === 0x5d) {
        if (this.capture === 'primitive' && this.inTarget()) this.finish(chunk, i);
        if (this.stack.length === this.targetDepth) {
          this.targetDepth = -2; // the target appears once; never re-enter
          if (this.mode === 'omit') {
            this.keeping = true;
            this.segStart = i;
          }
        }
        this.stack.pop();
        i++;
        if (this.capture === 'container' && this.inTarget()) this.finish(chunk, i);
      } else {
        this.begin('primitive', i);
        i++;
      }
    }
    if (this.capture) this.parts.push(chunk.slice(this.segStart));
    if (this.keeping) this.kept.push(chunk.slice(this.segStart));
  }

  /** Inside a string: jump to its closing quote (escapes honoured, also across chunk borders). */
  private scanString(chunk: string, from: number): number {
    let i = from;
    const n = chunk.length;
    if (this.escapeCarry) {
      this.escapeCarry = false;
      if (this.stringIsKey) this.keyParts.push(chunk.slice(i, i + 1));
      i++;
    }
    for (;;) {
      const q = chunk.indexOf('"', i);
      // Searching for a backslash from every string would rescan the chunk each time: remember the next one.
      if (this.nextBackslash !== Infinity && this.nextBackslash < i) {
        const found = chunk.indexOf('\\', i);
        this.nextBackslash = found < 0 ? Infinity : found;
      }
      const bs = this.nextBackslash === Infinity ? -1 : this.nextBackslash;
      if (bs >= 0 && (q < 0 || bs < q)) {
        const next = Math.min(bs + 2, n);
        if (this.stringIsKey) this.keyParts.push(chunk.slice(i, next));
        if (bs + 1 >= n) this.escapeCarry = true;
        i = next;
        if (i >= n) return n;
        continue;
      }
      if (q < 0) {
        if (this.stringIsKey) this.keyParts.push(chunk.slice(i));
        return n;
      }
      this.inString = false;
      if (this.stringIsKey) {
        this.keyParts.push(chunk.slice(i, q));
        this.stack[this.stack.length - 1]!.key = JSON.parse(`"${this.keyParts.join('')}"`) as string;
        this.keyParts = [];
      } else if (this.capture === 'string' && this.inTarget()) this.finish(chunk, q + 1);
      return q + 1;
    }
  }
}

/**
 * JSON as Python writes it (dbt's json.dumps, pandas, kidney-genetics): bare `NaN`, `Infinity` and `-Infinity` (also
 * `+Infinity`, `-NaN`, `+NaN`), which JSON.parse rejects, read as `null`. Strings are never touched. One rewriter for
 * whole texts and chunks fed in order (a token cut by a chunk border is carried over).
 */

const REPLACED = new Set(['NaN', '-NaN', '+NaN', 'Infinity', '-Infinity', '+Infinity']);

/** Characters that end a bare JSON token (number or literal) outside strings. */
function endsBareToken(code: number): boolean {
  return (
    code === 0x7b || // {
    code === 0x7d || // }
    code === 0x5b || // [
    code === 0x5d || // ]
    code === 0x2c || // ,
    code === 0x3a || // :
    code === 0x22 || // "
    code === 0x20 ||
    code === 0x0a ||
    code === 0x0d ||
    code === 0x09
  );
}

function isNonFinite(chunk: string, start: number, end: number): boolean {
  const length = end - start;
  if (length < 3 || length > 9) return false;
  const first = chunk.charCodeAt(start);
  // Cheap pre-check (N, I, -, +) so ordinary numbers and literals are never sliced.
  if (first !== 0x4e && first !== 0x49 && first !== 0x2d && first !== 0x2b) return false;
  return REPLACED.has(chunk.slice(start, end));
}

export interface NonFiniteReport {
  count: number;
  firstLine?: number;
}

/**
 * Python's json.dumps (used by dbt) writes float nan/inf as bare `NaN` / `Infinity` / `-Infinity`, which JSON
 * parsers reject. This rewrites those tokens to `null` outside strings, chunk by chunk, so a streaming parser can
 * read the rest of the file. A bare token cut by a chunk boundary is carried over to the next chunk.
 */
export class NonFiniteRewriter {
  private inString = false;
  private escaped = false;
  private carry = '';
  private line = 1;
  readonly report: NonFiniteReport = { count: 0 };

  write(input: string): string {
    const chunk = this.carry + input;
    this.carry = '';
    let out = '';
    let segmentStart = 0;
    let tokenStart = -1;
    for (let i = 0; i < chunk.length; i++) {
      const code = chunk.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (code === 0x5c) this.escaped = true;
        else if (code === 0x22) this.inString = false;
      } else if (endsBareToken(code)) {
        if (tokenStart >= 0) {
          if (isNonFinite(chunk, tokenStart, i)) {
            out += chunk.slice(segmentStart, tokenStart) + this.replaced();
            segmentStart = i;
          }
          tokenStart = -1;
        }
        if (code === 0x22) this.inString = true;
      } else if (tokenStart < 0) {
        tokenStart = i;
      }
      if (code === 0x0a) this.line++;
    }
    if (tokenStart >= 0) {
      out += chunk.slice(segmentStart, tokenStart);
      this.carry = chunk.slice(tokenStart);
    } else {
      out += chunk.slice(segmentStart);
    }
    return out;
  }

  end(): string {
    const rest = this.carry;
    this.carry = '';
    return REPLACED.has(rest) ? this.replaced() : rest;
  }

  private replaced(): string {
    this.report.count++;
    this.report.firstLine ??= this.line;
    return 'null';
  }
}

/**
 * JSON.parse that accepts bare NaN/Infinity (read as null) and a leading byte-order mark; reports how many tokens
 * were replaced and on which line the first was. Valid JSON takes the fast path (one JSON.parse).
 */
export function parseLenientJson(text: string): { value: unknown; nonFinite: NonFiniteReport } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { value: JSON.parse(body) as unknown, nonFinite: { count: 0 } };
  } catch (err) {
    if (!/NaN|Infinity/.test(body)) throw err;
  }
  const rewriter = new NonFiniteRewriter();
  const clean = rewriter.write(body) + rewriter.end();
  return { value: JSON.parse(clean) as unknown, nonFinite: rewriter.report };
}

/**
 * JSON as Python writes it: bare `NaN`, `Infinity` and `-Infinity` (invalid JSON, rejected by JSON.parse) become
 * `null`. Strings are never touched. Works on whole texts and on chunks fed in order (tokens may straddle chunks).
 */

const TOKENS = ['-Infinity', 'Infinity', 'NaN'] as const;
export class NonStandardJsonSanitizer {
  /** How many bare NaN/Infinity tokens were replaced so far. */
  replaced = 0;
  private inString = false;
  private escaped = false;
  private carry = '';

  push(chunk: string): string {
    const text = this.carry + chunk;
    this.carry = '';
    let out = '';
    let i = 0;
    while (i < text.length) {
      const ch = text[i]!;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (ch === '\\') this.escaped = true;
        else if (ch === '"') this.inString = false;
        out += ch;
        i++;
        continue;
      }
      if (ch === '"') {
        this.inString = true;
        out += ch;
        i++;
        continue;
      }
      if (ch === 'N' || ch === 'I' || ch === '-') {
        const token = TOKENS.find((t) => text.startsWith(t, i));
        if (token && i + token.length < text.length) {
          if (!/[A-Za-z0-9_]/.test(text[i + token.length]!)) {
            out += 'null';
            this.replaced++;
            i += token.length;
            continue;
          }
        } else {
          const rest = text.slice(i);
          if (TOKENS.some((t) => t.startsWith(rest))) {
            this.carry = rest;
            return out;
          }
        }
      }
      out += ch;
      i++;
    }
    return out;
  }

  /** Flush what was held back at the end of the input. */
  end(): string {
    const rest = this.carry;
    this.carry = '';
    const token = TOKENS.find((t) => rest === t);
    if (token) {
      this.replaced++;
      return 'null';
    }
    return rest;
  }
}

export function sanitizeJsonText(text: string): { text: string; replaced: number } {
  const s = new NonStandardJsonSanitizer();
  const out = s.push(text) + s.end();
  return { text: out, replaced: s.replaced };
}

/** JSON.parse that accepts Python's bare NaN/Infinity (as null); reports how many were replaced. */
export function parseLenientJson(text: string): { value: unknown; replaced: number } {
  try {
    return { value: JSON.parse(text) as unknown, replaced: 0 };
  } catch (err) {
    if (!/NaN|Infinity/.test(text)) throw err;
  }
  const { text: clean, replaced } = sanitizeJsonText(text);
  return { value: JSON.parse(clean) as unknown, replaced };
}

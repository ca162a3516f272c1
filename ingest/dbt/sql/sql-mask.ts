/**
 * A same-length copy of SQL in which string literals, quoted identifiers and comments cannot be mistaken for code:
 * literal and identifier contents become '_' (quotes kept), comments become spaces (newlines kept). Regexes run on
 * the mask and their match offsets are used to edit the original text.
 */
export function maskSql(sql: string): string {
  const out: string[] = [];
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i] as string;
    const next = sql[i + 1];
    if (ch === '-' && next === '-') {
      const end = indexOrEnd(sql, '\n', i);
      out.push(blank(sql.slice(i, end)));
      i = end;
    } else if (ch === '/' && next === '*') {
      const close = sql.indexOf('*/', i + 2);
      const end = close < 0 ? sql.length : close + 2;
      out.push(blank(sql.slice(i, end)));
      i = end;
    } else if (ch === "'" || ch === '"' || ch === '`') {
      const end = quotedEnd(sql, i, ch);
      out.push(ch, '_'.repeat(Math.max(0, end - i - 2)), end - i >= 2 ? (sql[end - 1] as string) : '');
      i = end;
    } else if (ch === '$' && next === '$') {
      const close = sql.indexOf('$$', i + 2);
      const end = close < 0 ? sql.length : close + 2;
      out.push('$$', '_'.repeat(Math.max(0, end - i - 4)), end - i >= 4 ? '$$' : '');
      i = end;
    } else {
      out.push(ch);
      i++;
    }
  }
  return out.join('');
}

/** End offset (exclusive) of the quoted token starting at `start`; doubled quotes and backslashes escape. */
function quotedEnd(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    const ch = sql[i];
    if (ch === '\\' && quote === "'") {
      i += 2;
    } else if (ch === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else {
      i++;
    }
  }
  return sql.length;
}

function indexOrEnd(sql: string, needle: string, from: number): number {
  const at = sql.indexOf(needle, from);
  return at < 0 ? sql.length : at;
}

function blank(text: string): string {
  return text.replace(/[^\n]/g, ' ');
}

/** Offset of the ')' closing the '(' at `open` in masked SQL, or -1. */
export function closingParen(masked: string, open: number): number {
  let depth = 0;
  for (let i = open; i < masked.length; i++) {
    if (masked[i] === '(') depth++;
    else if (masked[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping edits (any order) to `sql`. */
export function applyEdits(sql: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let at = 0;
  for (const edit of sorted) {
    if (edit.start < at) continue;
    parts.push(sql.slice(at, edit.start), edit.text);
    at = edit.end;
  }
  parts.push(sql.slice(at));
  return parts.join('');
}

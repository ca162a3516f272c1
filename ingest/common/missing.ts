/**
 * Missing-value handling and scalar parsing shared by every bio reader. Real files spell "no value" in many ways
 * (`NA`, `NULL`, `N/A`, empty, `.`, `-`, bare NaN); each reader names the spellings its format uses.
 */

/** Spellings that mean "no value" in every bio format handled here. */
export const COMMON_MISSING: ReadonlySet<string> = new Set(['', 'NA', 'N/A', 'NULL', 'null', 'None', 'NaN', 'nan']);

/** dbNSFP and HPO also use `.` and `-` as placeholders; never apply these to strand or sequence columns. */
export const PLACEHOLDER_MISSING: ReadonlySet<string> = new Set([...COMMON_MISSING, '.', '-']);

/** The trimmed cell, or undefined when it is missing. */
export function cell(value: unknown, missing: ReadonlySet<string> = COMMON_MISSING): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return missing.has(trimmed) ? undefined : trimmed;
}

export type BadValue = (value: string) => void;

/** A finite number, or undefined when missing; unparseable text is reported through `onBad`. */
export function num(value: unknown, onBad?: BadValue, missing: ReadonlySet<string> = COMMON_MISSING): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const text = cell(value, missing);
  if (text === undefined) return undefined;
  const n = Number(text.replace(/^\+/, ''));
  if (!Number.isFinite(n) || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) {
    onBad?.(text);
    return undefined;
  }
  return n;
}

/** An integer (a float with a fractional part is reported as bad). */
export function int(value: unknown, onBad?: BadValue, missing: ReadonlySet<string> = COMMON_MISSING): number | undefined {
  const n = num(value, onBad, missing);
  if (n === undefined) return undefined;
  if (!Number.isInteger(n)) {
    onBad?.(String(value));
    return undefined;
  }
  return n;
}

const TRUE = new Set(['true', 'yes', 'y', '1', 't']);
const FALSE = new Set(['false', 'no', 'n', '0', 'f']);

/** Booleans as they appear in real files: `true`, `False`, `"False"`, 1/0, yes/no. */
export function bool(value: unknown, onBad?: BadValue): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : undefined;
  const text = cell(value);
  if (text === undefined) return undefined;
  const lower = text.toLowerCase();
  if (TRUE.has(lower)) return true;
  if (FALSE.has(lower)) return false;
  onBad?.(text);
  return undefined;
}

/** Distinct non-missing items of a multi-valued cell (`"A|B"`, `A;B`, or an array). */
export function list(value: unknown, separator: string | RegExp = '|', missing = COMMON_MISSING): string[] {
  const items: string[] = [];
  const push = (v: unknown) => {
    const c = cell(v, missing);
    if (c !== undefined && !items.includes(c)) items.push(c);
  };
  if (Array.isArray(value)) value.forEach(push);
  else {
    const text = cell(value, missing);
    if (text !== undefined) text.split(separator).forEach(push);
  }
  return items;
}

/** `2023-01-20T00:00:00Z` / `2023-01-20` → `2023-01-20`; anything else is returned trimmed. */
export function isoDate(value: unknown): string | undefined {
  const text = cell(value);
  if (text === undefined) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(text);
  return m ? m[1] : text;
}

import { closingParen, type Edit } from './sql-mask.js';

/**
 * Relaxed rewrites that keep every column a value is computed from, where the grammars reject the syntax:
 * an aggregate's FILTER clause folded into the aggregate, and subscripts with computed indexes as `get()` calls.
 * Both produce SQL with the same meaning, so lineage (including its transformation kind) is unchanged.
 */

/** Offset of the '(' opened for the ')' at `close` in masked SQL, or -1. */
export function openingParen(masked: string, close: number): number {
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    if (masked[i] === ')') depth++;
    else if (masked[i] === '(' && --depth === 0) return i;
  }
  return -1;
}

/** Offset of the first ',' at depth 0 in masked[from, to), or `to`. */
function topLevelComma(masked: string, from: number, to: number): number {
  let depth = 0;
  for (let i = from; i < to; i++) {
    const ch = masked[i];
    if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (ch === ',' && depth === 0) return i;
  }
  return to;
}

/**
 * `agg(x) FILTER (WHERE c)` → `agg(CASE WHEN c THEN x END)`, `count(*) FILTER (WHERE c)` → `count(CASE WHEN c
 * THEN 1 END)`: equal results, and the condition's columns stay in the lineage (dropping the clause lost them).
 * A DISTINCT stays in front; only the first argument is conditioned (`string_agg(x, ',')`).
 */
export function filterToCaseEdits(sql: string, masked: string): Edit[] {
  const found: Edit[] = [];
  for (const m of masked.matchAll(/\)\s*filter\s*\(\s*where\b/gi)) {
    const aggClose = m.index;
    const aggOpen = openingParen(masked, aggClose);
    const clauseOpen = masked.indexOf('(', aggClose + 1);
    const clauseClose = closingParen(masked, clauseOpen);
    if (aggOpen < 0 || clauseClose < 0) continue;
    const condition = sql.slice(m.index + m[0].length, clauseClose).trim();
    if (/\bfilter\s*\(/i.test(masked.slice(m.index + m[0].length, clauseClose))) continue; // nested: leave as is
    const distinct = /^\s*distinct\b\s*/i.exec(masked.slice(aggOpen + 1, aggClose));
    const argStart = aggOpen + 1 + (distinct?.[0].length ?? 0);
    const argEnd = topLevelComma(masked, argStart, aggClose);
    const arg = masked.slice(argStart, argEnd).trim();
    if (arg === '*' || arg === '') {
      found.push({ start: argStart, end: argEnd, text: ` case when ${condition} then 1 end` });
    } else {
      found.push({ start: argStart, end: argStart, text: `case when ${condition} then ` }, { start: argEnd, end: argEnd, text: ' end' });
    }
    found.push({ start: aggClose + 1, end: clauseClose + 1, text: '' });
  }
  return found;
}

const LITERAL_INDEX = /^\s*(?:-?\d+|'_*'|"_*")\s*$/;
/** BigQuery's `[OFFSET(i)]`, `[SAFE_OFFSET(i)]`, `[ORDINAL(i)]`, `[SAFE_ORDINAL(i)]`. */
const POSITION_WRAPPER = /^\s*(?:safe_)?(?:offset|ordinal)\s*\(([\s\S]*)\)\s*$/i;
const NOT_A_VALUE = new Set(['array', 'select', 'then', 'else', 'when', 'and', 'or', 'not', 'in', 'on', 'by']);

/** Start of the value a subscript at `open` applies to: a (qualified) name, or a call `f(...)`; -1 when neither. */
function subscriptBase(masked: string, open: number): number {
  let i = open - 1;
  if (masked[i] === ')') {
    i = openingParen(masked, i) - 1;
    if (i < -1) return -1;
  }
  let start = i + 1;
  while (start > 0 && /[\w$."]/.test(masked[start - 1]!)) start--;
  const name = masked.slice(start, i + 1).toLowerCase();
  if (masked[open - 1] !== ')' && (name === '' || NOT_A_VALUE.has(name))) return -1;
  return start;
}

/**
 * Subscripts with a computed index — Snowflake `x[array_size(x) - 1]`, `arr[idx]`, BigQuery
 * `split(x, '.')[OFFSET(0)]` — as `get(value, index)` (Snowflake's own spelling of the same thing), so the value's
 * and the index's columns are both kept. Literal indexes parse already and are left alone, and so are bracketed
 * names (`[dbo].[t]`: never directly after a name) and array literals (a comma inside).
 */
export function subscriptEdits(sql: string, masked: string): Edit[] {
  const found: Edit[] = [];
  for (let open = masked.indexOf('['); open > 0; open = masked.indexOf('[', open + 1)) {
    if (!/[\w$")]/.test(masked[open - 1]!)) continue;
    const base = subscriptBase(masked, open);
    if (base < 0) continue;
    let expr = sql.slice(base, open);
    let end = open;
    let computed = false;
    while (masked[end] === '[') {
      const close = masked.indexOf(']', end);
      if (close < 0 || masked.slice(end + 1, close).includes('[')) return found; // nested subscripts: give up
      const maskedIndex = masked.slice(end + 1, close);
      if (topLevelComma(maskedIndex, 0, maskedIndex.length) < maskedIndex.length) break;
      const wrapped = POSITION_WRAPPER.exec(sql.slice(end + 1, close));
      if (wrapped || !LITERAL_INDEX.test(maskedIndex)) computed = true;
      expr = `get(${expr}, ${(wrapped?.[1] ?? sql.slice(end + 1, close)).trim()})`;
      end = close + 1;
    }
    if (!computed || end === open) continue;
    found.push({ start: base, end, text: expr });
    open = end - 1;
  }
  return found;
}

import { applyEdits, closingParen, maskSql, type Edit } from './sql-mask.js';
import { filterToCaseEdits, subscriptEdits } from './sql-relax-values.js';

/**
 * Lineage-preserving rewrites of syntax that node-sql-parser's grammars reject, tried only after every dialect
 * failed on the original text. Each keeps every column reference that feeds a value and the shape of the select list;
 * what it drops (cast types, JSON path tails, named-argument names) carries none,
 * except the ordering columns of WITHIN GROUP (ORDER BY ...), which are lost.
 */
type Rewrite = (sql: string, masked: string, quote: string) => Edit[];

const IDENT = String.raw`(?:[A-Za-z_][\w$]*|"_*")`;

const REWRITES: Rewrite[] = [
  // `x :: int`, `col :field` (Snowflake allows blanks around both operators; the grammar does not).
  (_sql, masked) => edits(masked, /\s*::\s*/g, () => '::'),
  (_sql, masked) => edits(masked, /(?<=[\w"\])])\s+:(?=[A-Za-z_"])/g, () => ':'),
  // extract('year' from x) → extract(year from x)
  (sql, masked) =>
    edits(masked, /\bextract\s*\(\s*'_+'(?=\s+from\b)/gi, (m) => `extract(${sql.slice(quotedStart(m) + 1, quotedEnd(m) - 1)}`),
  // `ts at time zone 'UTC'` → `ts || 'UTC'`: still an expression over the same columns.
  (_sql, masked) => edits(masked, /\bat\s+time\s+zone\b/gi, () => '||'),
  // `listagg(x) within group (order by y)` → `listagg(x)`: some grammars take no OVER on these aggregates either.
  (_sql, masked) => clauseEdits(masked, /\s*\bwithin\s+group\s*\(/gi),
  (sql, masked) => filterToCaseEdits(sql, masked),
  // flatten(input => x, outer => true) → flatten(x, true)
  (_sql, masked) => edits(masked, /\b[A-Za-z_]\w*\s*=>\s*/g, () => ''),
  // $$text$$ → 'text'
  (sql, masked) =>
    edits(masked, /\$\$_*\$\$/g, (m) => `'${sql.slice(m.index + 2, m.index + m[0].length - 2).replace(/'/g, "''")}'`),
  (_sql, masked) => arrayLiteralEdits(masked),
  (_sql, masked) => jsonPathEdits(masked),
  // After the JSON paths: their `[i]` segments belong to the path, not to a value.
  (sql, masked) => subscriptEdits(sql, masked),
  // `::type` casts (variant, jsonpath, casts of subqueries, ...) do not change which columns a value comes from.
  (_sql, masked) =>
    edits(masked, /::[A-Za-z_]\w*(?:\s*\([\d\s,]*\))?(?:\s+with(?:out)?\s+time\s+zone)?(?:\[\])?/gi, () => ''),
  (_sql, masked) => edits(masked, /\s+(?:ignore|respect)\s+nulls\b/gi, () => ''),
  // Snowflake pseudo-columns such as metadata$filename: the grammar rejects '$' in names.
  (sql, masked, quote) =>
    edits(masked, /(?<![\w."`$])[A-Za-z_]\w*\$\w+/g, (m) => `${quote}${sql.substr(m.index, m[0].length)}${quote}`),
  (_sql, masked) => substringEdits(masked),
  // Keywords used as names (`AS hour`, `p.close`): quote them.
  (sql, masked, quote) =>
    edits(masked, /\bAS\s+([A-Za-z_]\w*)(?=\s*,|\s+from\b|\s*$)/gi, (m) => `AS ${quote}${sql.substr(m.index + m[0].length - (m[1] ?? '').length, (m[1] ?? '').length)}${quote}`),
  (sql, masked, quote) =>
    edits(masked, /(?<=[A-Za-z_\d"`])\.([A-Za-z_][\w$]*)\b(?!\s*\()/g, (m) => `.${quote}${sql.substr(m.index + 1, m[0].length - 1)}${quote}`),
];

/** The rewritten SQL, or the input itself when nothing applied. */
export function relaxSql(sql: string, quote: '"' | '`'): string {
  let current = sql;
  // The mask only changes when a rewrite changed the text (most rewrites find nothing): computed once per text.
  let masked = maskSql(current);
  for (const rewrite of REWRITES) {
    const found = rewrite(current, masked, quote);
    if (found.length > 0) {
      current = applyEdits(current, found);
      masked = maskSql(current);
    }
  }
  return current;
}

function edits(masked: string, pattern: RegExp, replace: (m: RegExpExecArray) => string): Edit[] {
  const found: Edit[] = [];
  for (const m of masked.matchAll(pattern)) {
    found.push({ start: m.index, end: m.index + m[0].length, text: replace(m as RegExpExecArray) });
  }
  return found;
}

function quotedStart(m: RegExpExecArray): number {
  return m.index + m[0].indexOf("'");
}

function quotedEnd(m: RegExpExecArray): number {
  return m.index + m[0].lastIndexOf("'") + 1;
}

/** Removes `keyword (...)` clauses through their closing parenthesis. */
function clauseEdits(masked: string, pattern: RegExp): Edit[] {
  const found: Edit[] = [];
  for (const m of masked.matchAll(pattern)) {
    const open = masked.indexOf('(', m.index);
    const close = closingParen(masked, open);
    if (close > 0) found.push({ start: m.index, end: close + 1, text: '' });
  }
  return found;
}

/** Snowflake array literals `[a, b]` (after `(`, `,`, `=`, SELECT, THEN, ELSE) → array_construct(a, b). */
function arrayLiteralEdits(masked: string): Edit[] {
  const found: Edit[] = [];
  for (const m of masked.matchAll(/(?:[(,=]|\bselect|\bthen|\belse)\s*\[/gi)) {
    const open = m.index + m[0].length - 1;
    let depth = 0;
    for (let i = open; i < masked.length; i++) {
      if (masked[i] === '[') depth++;
      else if (masked[i] === ']' && --depth === 0) {
        found.push({ start: open, end: open + 1, text: 'array_construct(' }, { start: i, end: i + 1, text: ')' });
        break;
      }
    }
  }
  return found;
}

/**
 * Snowflake semi-structured paths: the grammar only takes `col:key` on a reference of at most three parts. The
 * column is what lineage needs, so `t.col:a.b[0]:c` → `t.col:a`, and a path after `]` or `)` is dropped.
 */
function jsonPathEdits(masked: string): Edit[] {
  const segment = String.raw`(?:(?<!:):(?!:)\s*${IDENT}|\.${IDENT}|\s*\[[^\]]*\])`;
  const found: Edit[] = [];
  const onReference = new RegExp(String.raw`(?<![\w."$])(${IDENT}(?:\.${IDENT})*)(?<!:):(?!:)(${IDENT})((?:${segment})*)`, 'g');
  for (const m of masked.matchAll(onReference)) {
    const refParts = (m[1] ?? '').split('.').length;
    const tail = m[3] ?? '';
    if (refParts >= 3) {
      const refEnd = m.index + (m[1] ?? '').length;
      found.push({ start: refEnd, end: m.index + m[0].length, text: '' });
    } else if (tail.length > 0) {
      found.push({ start: m.index + m[0].length - tail.length, end: m.index + m[0].length, text: '' });
    }
  }
  const afterValue = new RegExp(String.raw`(?<=[\])])\s*(?<!:):(?!:)\s*${IDENT}(?:${segment})*`, 'g');
  for (const m of masked.matchAll(afterValue)) found.push({ start: m.index, end: m.index + m[0].length, text: '' });
  return found;
}

/** Postgres `substring(x from 'a' for 2)` → `substring(x, 'a', 2)`. */
function substringEdits(masked: string): Edit[] {
  const found: Edit[] = [];
  for (const m of masked.matchAll(/\bsubstring\s*\(/gi)) {
    const open = m.index + m[0].length - 1;
    const close = closingParen(masked, open);
    let depth = 0;
    for (let i = open; i < close; i++) {
      const ch = masked[i];
      if (ch === '(') depth++;
      else if (ch === ')') depth--;
      else if (depth === 1) {
        const keyword = /^\s(from|for)\s/i.exec(masked.slice(i, i + 6));
        if (keyword) found.push({ start: i, end: i + keyword[0].length, text: ', ' });
      }
    }
  }
  return found;
}

import type { Row, SuiteOutput } from './suite.js';

export interface Stat {
  min: number;
  median: number;
  max: number;
}
export type SummaryRow = Record<string, string | null | Stat>;

/**
 * Rows of all rounds matched by their text columns (their identity: suite, question, system...), each numeric
 * column reduced to min/median/max over the rounds that have it.
 */
export function summarise(rounds: SuiteOutput[]): SummaryRow[] {
  const groups = new Map<string, Row[]>();
  for (const round of rounds) {
    for (const row of round.rows) {
      const key = JSON.stringify(Object.entries(row).filter(([, v]) => typeof v !== 'number'));
      (groups.get(key) ?? groups.set(key, []).get(key)!).push(row);
    }
  }
  return [...groups.values()].map((rows) => {
    const out: SummaryRow = {};
    for (const [k, v] of Object.entries(rows[0]!)) if (typeof v !== 'number') out[k] = v;
    const numeric = new Set(rows.flatMap((r) => Object.keys(r).filter((k) => typeof r[k] === 'number')));
    for (const k of numeric) {
      const xs = rows.map((r) => r[k]).filter((x): x is number => typeof x === 'number').sort((a, b) => a - b);
      out[k] = { min: xs[0]!, median: median(xs), max: xs[xs.length - 1]! };
    }
    return out;
  });
}

export function median(sorted: number[]): number {
  const m = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[m]! : round((sorted[m - 1]! + sorted[m]!) / 2);
}

export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** A plain-text table: one line per row, `median (min–max)` for numbers measured in several rounds. */
export function formatTable(rows: SummaryRow[]): string {
  if (rows.length === 0) return '(no rows)';
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: SummaryRow[string] | undefined) => {
    if (v === undefined || v === null) return '';
    if (typeof v === 'string') return v;
    return v.min === v.max ? fmt(v.median) : `${fmt(v.median)} (${fmt(v.min)}–${fmt(v.max)})`;
  };
  const grid = [columns, ...rows.map((r) => columns.map((c) => cell(r[c])))];
  const widths = columns.map((_, i) => Math.max(...grid.map((line) => line[i]!.length)));
  return grid.map((line) => line.map((c, i) => c.padEnd(widths[i]!)).join('  ')).join('\n');
}

const fmt = (x: number) => (Number.isInteger(x) ? x.toLocaleString('en-US') : String(round(x)));

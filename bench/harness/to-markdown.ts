/**
 * `npx tsx bench/harness/to-markdown.ts bench/results/<suite>.json`: the summary of a result file as a Markdown
 * table (median, min–max over the rounds) with its commit, date and load average, for docs/benchmarks.md.
 */
import { readFileSync } from 'node:fs';
import type { SuiteResult } from './run-suite.js';
import type { Stat, SummaryRow } from './summary.js';

const result = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as SuiteResult;
const columns = [...new Set(result.summary.flatMap((r) => Object.keys(r)))];
const fmt = (x: number) => (Number.isInteger(x) ? x.toLocaleString('en-US') : String(Math.round(x * 100) / 100));
const cell = (v: SummaryRow[string] | undefined) => {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  const s = v as Stat;
  return s.min === s.max ? fmt(s.median) : `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)})`;
};
const lines = [
  `| ${columns.join(' | ')} |`,
  `| ${columns.map(() => '---').join(' | ')} |`,
  ...result.summary.map((r) => `| ${columns.map((c) => cell(r[c]).replace(/\|/g, '\\|')).join(' | ')} |`),
];
process.stdout.write(
  `${result.description}\n\n${lines.join('\n')}\n\n` +
    `${result.rounds.length} round(s), commit ${result.commit}, ${result.date}, load average (1 min) ${result.loadAverage.min1.min}–${result.loadAverage.min1.max} on ${result.host.cpus} CPUs.\n`,
);

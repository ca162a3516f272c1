import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Suite, SuiteOutput } from './suite.js';
import { formatTable, round, summarise } from './summary.js';

export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SUITES_DIR = path.join(BENCH_DIR, 'suites');

/** Every registered suite: one module per file in bench/suites (adding a file registers it). */
export function suiteNames(): string[] {
  return readdirSync(SUITES_DIR)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
}

export async function loadSuite(name: string): Promise<Suite> {
  if (!suiteNames().includes(name)) throw new Error(`unknown suite ${name}: one of ${suiteNames().join(', ')}`);
  const mod = (await import(pathToFileURL(path.join(SUITES_DIR, `${name}.ts`)).href)) as { default: Suite };
  return mod.default;
}

export interface RunOptions {
  quick: boolean;
  rounds?: number;
  /** Where <suite>.json goes (default bench/results). */
  resultsDir?: string;
  log?: (line: string) => void;
}

export interface RoundRecord extends SuiteOutput {
  round: number;
  seconds: number;
  loadAverageBefore: number[];
  loadAverageAfter: number[];
}

export interface SuiteResult {
  suite: string;
  description: string;
  quick: boolean;
  commit: string;
  date: string;
  host: { cpus: number; memoryGb: number; node: string };
  loadAverage: { min1: { min: number; max: number } };
  rounds: RoundRecord[];
  summary: ReturnType<typeof summarise>;
  file: string;
}

/** Runs one suite's rounds, prints the min/median/max table and writes the result file. */
export async function runSuite(name: string, o: RunOptions): Promise<SuiteResult> {
  const log = o.log ?? ((line: string) => process.stderr.write(`[${name}] ${line}\n`));
  const suite = await loadSuite(name);
  const rounds = o.quick ? 1 : Math.max(3, o.rounds ?? 3);
  const records: RoundRecord[] = [];
  const date = new Date().toISOString();
  try {
    for (let i = 0; i < rounds; i++) {
      log(`round ${i + 1}/${rounds} (load average ${loadAverage().join(' ')})`);
      const before = loadAverage();
      const started = performance.now();
      const out = await suite.run({ quick: o.quick, log, round: i });
      records.push({ ...out, round: i + 1, seconds: round((performance.now() - started) / 1000, 1), loadAverageBefore: before, loadAverageAfter: loadAverage() });
    }
  } finally {
    await suite.close?.();
  }
  const summary = summarise(records);
  const loads = records.flatMap((r) => [r.loadAverageBefore[0]!, r.loadAverageAfter[0]!]);
  const dir = o.resultsDir ?? path.join(BENCH_DIR, 'results');
  mkdirSync(dir, { recursive: true });
  // Quick runs (CI) never overwrite measured results.
  const file = path.join(dir, o.quick ? `${name}.quick.json` : `${name}.json`);
  const result: SuiteResult = {
    suite: name,
    description: suite.description,
    quick: o.quick,
    commit: commit(),
    date,
    host: { cpus: os.cpus().length, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    loadAverage: { min1: { min: Math.min(...loads), max: Math.max(...loads) } },
    rounds: records,
    summary,
    file,
  };
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  log(`\n${suite.description}\n${formatTable(summary)}\n${[...new Set(records.flatMap((r) => r.notes ?? []))].map((n) => `note: ${n}`).join('\n')}`);
  log(`${rounds} round(s), load average ${result.loadAverage.min1.min}–${result.loadAverage.min1.max}, commit ${result.commit}; written to ${path.relative(process.cwd(), file)}`);
  return result;
}

export const loadAverage = () => os.loadavg().map((l) => round(l));

function commit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: BENCH_DIR, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: BENCH_DIR, encoding: 'utf8' }).trim();
    return dirty ? `${sha}+dirty` : sha;
  } catch {
    return 'unknown';
  }
}

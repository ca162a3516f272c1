/**
 * `npm run bench -- <suite...> [--quick] [--rounds N]`: runs benchmark suites (bench/suites/<suite>.ts), ≥ 3 rounds
 * each (1 with --quick), prints min/median/max per measured column and writes bench/results/<suite>.json with the
 * rounds, load average, commit and date. `npm run bench -- all` runs every suite; no argument lists them.
 */
import { loadSuite, runSuite, suiteNames } from './harness/run-suite.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : undefined;
const named = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--rounds');

if (named.length === 0) {
  process.stdout.write('usage: npm run bench -- <suite...|all> [--quick] [--rounds N]\n\n');
  for (const name of suiteNames()) process.stdout.write(`  ${name.padEnd(12)} ${(await loadSuite(name)).description}\n`);
  process.exit(0);
}
const names = named.includes('all') ? suiteNames() : named;
const unknown = names.filter((n) => !suiteNames().includes(n));
if (unknown.length > 0) {
  process.stderr.write(`unknown suite(s) ${unknown.join(', ')}: one of ${suiteNames().join(', ')}\n`);
  process.exit(2);
}
for (const name of names) await runSuite(name, { quick, rounds });
// Suites close what they start; a driver or socket left behind must not keep the harness alive.
process.exit(0);

/**
 * A tiny runner for the export suite until the shared bench harness (bench/run-all.ts) is on this branch:
 * `npx tsx bench/export.ts [--quick] [--rounds N]` prints each round's rows as JSON lines and the load average.
 */
import os from 'node:os';
import suite from './suites/export.js';

const quick = process.argv.includes('--quick');
const i = process.argv.indexOf('--rounds');
const rounds = i > 0 ? Number(process.argv[i + 1]) : quick ? 1 : 1;
for (let r = 1; r <= rounds; r++) {
  const out = await suite.run({ quick, log: (l) => process.stderr.write(`${l}\n`) });
  process.stdout.write(`${JSON.stringify({ round: r, loadavg: os.loadavg().map((x) => Math.round(x * 10) / 10), ...out })}\n`);
}

// A stand-in for the shared bench harness (bench/run-all.ts, issue #17) until it lands on this branch:
// npx tsx bench/conformance-local.ts [--quick]
import suite from './suites/conformance.js';

const quick = process.argv.includes('--quick');
const out = await suite.run({ quick, log: (line) => console.log(line) });
console.table(out.rows);
for (const n of out.notes ?? []) console.log(n);

// Conformance evaluation speed (bench harness suite, docs/benchmarks.md): a full evaluation of every built-in rule
// over the largest corpus dbt project and over a synthetic 100k-capsule graph (quick mode: 300 capsules), then an
// unchanged re-evaluation. Each round starts without violations, so rounds compare. Needs a Neo4j: NEO4J_URI, or
// the checkout's local one. The bench namespaces are removed at the end of each round.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { runDbtIngest } from '../../src/ingestion/dbt.js';
import { openHelix, type HelixContext } from '../../src/app/context.js';
import { loadConfig } from '../../src/config/load.js';
import { createLogger } from '../../src/observability/logger.js';
import { projectRoot } from '../../src/project-root.js';
import { builtinRules } from '../../src/services/conformance/builtin-rules.js';
import { evaluateConformance } from '../../src/services/conformance/evaluate.js';
import { dropBenchNamespace, writeSyntheticConformanceGraph } from '../synthetic-conformance-graph.js';

type Row = Record<string, string | number | null>;

function largestCorpusProject(): { name: string; dir: string } {
  const corpus = process.env.HELIX_CORPUS ?? path.resolve(projectRoot(), '../shared/fixtures');
  const dbtDir = path.join(corpus, 'dbt');
  const best = readdirSync(dbtDir)
    .filter((d) => statSync(path.join(dbtDir, d)).isDirectory())
    .map((d) => ({ d, size: statSync(path.join(dbtDir, d, 'manifest.json'), { throwIfNoEntry: false })?.size ?? 0 }))
    .sort((a, b) => b.size - a.size)[0]!;
  return { name: best.d, dir: path.join(dbtDir, best.d) };
}

async function measure(helix: HelixContext, label: string, namespace: string, log: (line: string) => void): Promise<Row> {
  const rules = builtinRules();
  const first = await evaluateConformance(helix.exec, { namespace, rules });
  const again = await evaluateConformance(helix.exec, { namespace, rules });
  const violations = first.rules.reduce((s, r) => s + r.failing, 0);
  const pairs = first.rules.reduce((s, r) => s + r.evaluated, 0);
  log(`${label}: ${pairs} subject×rule pairs, ${violations} violations, first ${first.durationMs} ms, again ${again.durationMs} ms, score ${first.score}`);
  const slowest = [...first.rules].sort((a, b) => b.durationMs - a.durationMs)[0];
  return {
    graph: label,
    pairs,
    violations,
    evaluateMs: first.durationMs,
    violationsPerSecond: Math.round(violations / (first.durationMs / 1000)),
    pairsPerSecond: Math.round(pairs / (first.durationMs / 1000)),
    reevaluateMs: again.durationMs,
    slowestRule: slowest ? `${slowest.rule} ${slowest.durationMs} ms` : null,
    score: first.score,
  };
}

export default {
  name: 'conformance',
  description: 'full conformance evaluation (all built-in rules): largest corpus dbt project and a synthetic 100k-capsule graph; time and violations/s',
  async run(opts: { quick: boolean; log: (line: string) => void }) {
    const helix = await openHelix(loadConfig(), createLogger('warn'), { migrate: true });
    const rows: Row[] = [];
    // HELIX_BENCH_CAPSULES: a smaller synthetic graph on a machine that cannot hold 100k capsules' evaluation.
    const capsules = opts.quick ? 300 : Number(process.env.HELIX_BENCH_CAPSULES ?? 100_000);
    const synthetic = `bench-conformance-synthetic-${capsules}`;
    const project = largestCorpusProject();
    const corpusNs = `bench-conformance-${project.name}`;
    try {
      await dropBenchNamespace(helix.exec, synthetic);
      await dropBenchNamespace(helix.exec, corpusNs);
      if (!opts.quick) {
        await runDbtIngest(helix.exec, project.dir, { namespace: corpusNs, allowMassDelete: true });
        rows.push(await measure(helix, `corpus ${project.name}`, corpusNs, opts.log));
      }
      const built = performance.now();
      const { nodes } = await writeSyntheticConformanceGraph(helix.exec, synthetic, capsules);
      opts.log(`synthetic graph: ${capsules} capsules, ${nodes} nodes written in ${Math.round(performance.now() - built)} ms`);
      rows.push(await measure(helix, `synthetic ${capsules} capsules`, synthetic, opts.log));
    } finally {
      await dropBenchNamespace(helix.exec, synthetic).catch(() => undefined);
      await dropBenchNamespace(helix.exec, corpusNs).catch(() => undefined);
      await helix.close();
    }
    return { rows, notes: [`largest corpus project by manifest size: ${project.name}`] };
  },
};

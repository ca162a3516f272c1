/**
 * Column-lineage coverage over the real dbt corpus: per project, how many compiled SQL models parsed, how many got
 * at least one column-lineage edge, the share of output columns with lineage, and the time spent.
 *
 *   npx tsx bench/sql-lineage-coverage.ts [corpus-root]     (default: $HELIX_CORPUS or ../shared/fixtures)
 *   add --failures to list every parse failure's first line
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deriveColumnLineage } from '../ingest/dbt/sql/column-lineage.js';
import type { UpstreamRelation } from '../ingest/dbt/sql/types.js';
import { normaliseDotted } from '../ingest/dbt/sql/upstream-index.js';

type Json = Record<string, any>;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const showFailures = args.includes('--failures');
const corpus = args.find((a) => !a.startsWith('--')) ?? process.env.HELIX_CORPUS ?? path.resolve(repoRoot, '../shared/fixtures');
const dbtRoot = path.join(corpus, 'dbt');

function readJson(file: string): Json | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Json) : undefined;
}

/** 'db.schema.t', 'schema.t', 't' from a relation name or its parts. */
function namesOf(node: Json): string[] {
  const dotted = node.relation_name
    ? normaliseDotted(String(node.relation_name))
    : [node.database, node.schema, node.alias ?? node.identifier ?? node.name].filter(Boolean).join('.').toLowerCase();
  const parts = dotted.split('.');
  return parts.map((_, i) => parts.slice(i).join('.'));
}

function columnsOf(uniqueId: string, node: Json, catalog: Json | undefined): string[] {
  const fromManifest = Object.keys(node.columns ?? {});
  const entry = catalog?.nodes?.[uniqueId] ?? catalog?.sources?.[uniqueId];
  const fromCatalog = Object.keys(entry?.columns ?? {});
  return [...new Set([...fromManifest, ...fromCatalog].map((c) => c.toLowerCase()))];
}

/** Direct parents, looking through ephemeral models (their SQL is inlined as `__dbt__cte__` CTEs). */
function upstreamsOf(node: Json, manifest: Json, catalog: Json | undefined): UpstreamRelation[] {
  const seen = new Set<string>();
  const result: UpstreamRelation[] = [];
  const visit = (id: string): void => {
    if (seen.has(id)) return;
    seen.add(id);
    const parent = manifest.nodes?.[id] ?? manifest.sources?.[id];
    if (!parent) return;
    if (parent.config?.materialized === 'ephemeral') {
      for (const grand of parent.depends_on?.nodes ?? []) visit(grand);
      return;
    }
    result.push({ urn: id, names: namesOf(parent), columns: columnsOf(id, parent, catalog) });
  };
  for (const id of node.depends_on?.nodes ?? []) visit(id);
  return result;
}

interface Totals {
  models: number;
  /** Models with at least one upstream relation (constant-only models cannot have lineage). */
  reading: number;
  readingWithLineage: number;
  parsed: number;
  withLineage: number;
  outputColumns: number;
  columnsWithLineage: number;
  edges: number;
  ms: number;
}

const rows: Array<[string, string, Totals]> = [];
const grand: Totals = { models: 0, reading: 0, readingWithLineage: 0, parsed: 0, withLineage: 0, outputColumns: 0, columnsWithLineage: 0, edges: 0, ms: 0 };
const failures: string[] = [];

for (const dir of readdirSync(dbtRoot).sort()) {
  const manifest = readJson(path.join(dbtRoot, dir, 'manifest.json'));
  if (!manifest?.nodes) continue;
  const catalog = readJson(path.join(dbtRoot, dir, 'catalog.json'));
  const adapter = String(manifest.metadata?.adapter_type ?? '');
  const totals: Totals = { models: 0, reading: 0, readingWithLineage: 0, parsed: 0, withLineage: 0, outputColumns: 0, columnsWithLineage: 0, edges: 0, ms: 0 };
  for (const [id, node] of Object.entries<Json>(manifest.nodes)) {
    const sql = node.compiled_code ?? node.compiled_sql;
    if (node.resource_type !== 'model' || node.language === 'python' || typeof sql !== 'string') continue;
    if (node.config?.enabled === false) continue;
    const upstreams = upstreamsOf(node, manifest, catalog);
    const modelColumns = columnsOf(id, node, catalog);
    const started = performance.now();
    const result = deriveColumnLineage({ sql, adapter, upstreams, modelColumns });
    totals.ms += performance.now() - started;
    totals.models++;
    if (result.parsed) totals.parsed++;
    else failures.push(`${dir} ${id}: ${result.issues[0]?.message.split('\n')[0]?.slice(0, 160)}`);
    const covered = new Set(result.edges.map((e) => e.column));
    if (covered.size > 0) totals.withLineage++;
    if (upstreams.length > 0) totals.reading++;
    if (upstreams.length > 0 && covered.size > 0) totals.readingWithLineage++;
    totals.outputColumns += result.outputColumns.length;
    totals.columnsWithLineage += covered.size;
    totals.edges += result.edges.length;
  }
  if (totals.models === 0) continue;
  rows.push([dir, adapter, totals]);
  for (const key of Object.keys(grand) as Array<keyof Totals>) grand[key] += totals[key];
}

const pct = (n: number, d: number): string => (d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
const line = (name: string, adapter: string, t: Totals): string =>
  [
    name.padEnd(48),
    adapter.padEnd(10),
    String(t.models).padStart(6),
    String(t.models - t.parsed).padStart(7),
    pct(t.withLineage, t.models).padStart(9),
    pct(t.readingWithLineage, t.reading).padStart(9),
    pct(t.columnsWithLineage, t.outputColumns).padStart(9),
    String(t.edges).padStart(7),
    `${t.ms.toFixed(0)} ms`.padStart(10),
  ].join(' ');

console.log(['project'.padEnd(48), 'adapter'.padEnd(10), 'models', 'failed', 'models%', ' reading%', 'columns%', '  edges', '      time'].join(' '));
for (const [dir, adapter, totals] of rows) console.log(line(dir, adapter, totals));
console.log(line('TOTAL', '', grand));
console.log('models% = compiled SQL models with >= 1 column-lineage edge; reading% = the same among models with >= 1');
console.log('upstream (the others select constants only); columns% = output columns with >= 1 edge');
if (showFailures) for (const failure of failures) console.log(`  FAIL ${failure}`);

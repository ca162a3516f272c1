import { createHash } from 'node:crypto';
import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Executor } from '../db/executor.js';
import { requireQueries } from '../db/registry.js';
import { projectRoot } from '../project-root.js';
import type { IngestionReport } from './record.js';
import { emptyTally, type Tally, type WriteReport } from './write-report.js';
import { resolveDbtArtifactFiles, type LoadDbtArtifactsInput } from '../../ingest/dbt/load-artifacts.js';

const Q = requireQueries(['ingest/get-ingestion-by-input', 'ingest/set-ingestion-input', 'ingest/scope-digests'] as const);

/**
 * Re-ingesting artifacts that did not change: when the same bytes (same files, options and ingester code) were
 * ingested before, and every scope that ingestion wrote still holds exactly what it held afterwards (same node and
 * edge content hashes, compared as digests computed in the database), the mapping and the write would change
 * nothing, so neither runs. The report is the earlier one with every node and edge counted as unchanged.
 */
export async function artifactsDigest(input: LoadDbtArtifactsInput, namespace: string | undefined): Promise<string> {
  const files = resolveDbtArtifactFiles(input);
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ code: codeDigest(), namespace: namespace ?? null, files: [files.manifest, files.catalog, files.runResults, files.sources] }));
  for (const file of [files.manifest, files.catalog, files.runResults, files.sources]) {
    if (!file) continue;
    hash.update(`\u0000${file}\u0000${statSync(file).size}\u0000`);
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

export interface UnchangedIngestion {
  scope: string;
  namespace?: string;
  report: Omit<IngestionReport, 'id' | 'urn'>;
  scopeDigests: Record<string, string>;
}

/** The earlier ingestion of these inputs, if the graph still holds what it wrote; otherwise undefined. */
export async function findUnchanged(exec: Executor, inputDigest: string): Promise<UnchangedIngestion | undefined> {
  const [row] = await exec.read(Q['ingest/get-ingestion-by-input'], { inputDigest }, { op: 'ingest dbt unchanged?' });
  if (!row?.reportJson || !row.scopeDigestsJson) return undefined;
  const stored = JSON.parse(String(row.reportJson)) as Omit<IngestionReport, 'id' | 'urn'> & { issuesTruncated?: boolean };
  // Writer issues (dangling edges) mean the next run would try those edges again: no shortcut then.
  if (stored.issuesTruncated || stored.write.danglingEdges > 0) return undefined;
  const scopeDigests = JSON.parse(String(row.scopeDigestsJson)) as Record<string, string>;
  const now = await digestScopes(exec, Object.keys(scopeDigests));
  for (const [scope, digest] of Object.entries(scopeDigests)) if (now[scope] !== digest) return undefined;
  const { issuesTruncated: _t, unchangedSince: _u, ...report } = stored;
  return { scope: String(row.scope), ...(row.namespace ? { namespace: String(row.namespace) } : {}), report: { ...unchangedReport(report), unchangedSince: String(row.id) }, scopeDigests };
}

export async function digestScopes(exec: Executor, scopes: string[]): Promise<Record<string, string>> {
  const rows = await exec.read(Q['ingest/scope-digests'], { scopes }, { op: 'ingest dbt scope digests' });
  return Object.fromEntries(rows.map((r) => [String(r.scope), `${Number(r.nodes)}:${Number(r.edges)}:${String(r.digest)}`]));
}

export async function recordInput(exec: Executor, urn: string, inputDigest: string, scopeDigests: Record<string, string>): Promise<void> {
  await exec.write(Q['ingest/set-ingestion-input'], { urn, inputDigest, scopeDigestsJson: JSON.stringify(scopeDigests) });
}

/** What a full re-ingestion of unchanged inputs reports: everything it maps, unchanged; SQL lineage all memoised. */
function unchangedReport(earlier: Omit<IngestionReport, 'id' | 'urn'>): Omit<IngestionReport, 'id' | 'urn'> {
  const stats = { ...earlier.stats };
  if ('sqlLineageDerived' in stats) {
    stats.sqlLineageCacheHits = (stats.sqlLineageCacheHits ?? 0) + (stats.sqlLineageDerived ?? 0);
    stats.sqlLineageDerived = 0;
  }
  const write: WriteReport = {
    nodes: { ...unchanged(earlier.write.nodes), byLabel: unchangedBy(earlier.write.nodes.byLabel) },
    edges: { ...unchanged(earlier.write.edges), byType: unchangedBy(earlier.write.edges.byType) },
    danglingEdges: 0,
    changed: false,
  };
  return { ...earlier, status: 'completed', write, stats, timingsMs: {} };
}

const unchanged = (t: Tally): Tally => ({ ...emptyTally(), unchanged: t.created + t.updated + t.unchanged });

function unchangedBy(by: Record<string, Tally>): Record<string, Tally> {
  const out: Record<string, Tally> = {};
  for (const [key, t] of Object.entries(by)) if (t.created + t.updated + t.unchanged > 0) out[key] = unchanged(t);
  return out;
}

let code: string | undefined;

/** The ingester's own code (dbt mapping, writer, runners, their Cypher): a new version never reuses old results. */
function codeDigest(): string {
  if (code) return code;
  const here = path.dirname(fileURLToPath(import.meta.url));
  const hash = createHash('sha256');
  for (const dir of [path.join(here, '../../ingest/dbt'), path.join(here, '../../ingest/core'), here, path.join(projectRoot(), 'cypher/ingest')]) {
    for (const file of listFiles(dir)) hash.update(`${path.relative(dir, file)}\u0000`).update(readFileSync(file));
  }
  return (code = hash.digest('hex'));
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .sort();
}

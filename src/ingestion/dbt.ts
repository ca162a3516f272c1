import { HelixError } from '../errors.js';
import { withSpan } from '../observability/tracing.js';
import { countIssues } from './record.js';
import { emptyReport, mergeReports } from './write-report.js';
import { withLifecycle, type IngestionRun, type KindRunner, type RunResult } from './lifecycle.js';
import { splitInvocations } from './split-invocations.js';
import { writeGraph } from './writer.js';
import { DbtArtifactError, loadDbtArtifacts } from '../../ingest/dbt/load-artifacts.js';
import { mapDbtArtifactsPrepared } from '../../ingest/dbt/map-dbt.js';
import { resolveNamespace } from '../../ingest/dbt/map/namespace.js';
import type { IngestIssue } from '../../ingest/core/graph.js';
import { SqlLineageMemo } from './sql-lineage-memo.js';
import { deriveColumnLineage } from '../../ingest/dbt/sql/column-lineage.js';
import { artifactsDigest, digestScopes, findUnchanged, recordInput, type UnchangedIngestion } from './unchanged-artifacts.js';

/** `helix ingest dbt <target-dir | manifest.json>`: a snapshot of one dbt project, scoped by its namespace. */
const dbtRunner: KindRunner = async (run, path, o) =>
  withSpan('ingest dbt', { 'helix.source': path }, async () => {
    const { exec } = run;
    const began = performance.now();
    const input = { path, catalog: o.catalog, runResults: o.runResults, sources: o.sources };
    const badInput = (error: unknown) => {
      if (error instanceof DbtArtifactError) throw new HelixError('BAD_USER_INPUT', error.message, { source: path });
      throw error;
    };
    const inputDigest = await artifactsDigest(input, o.namespace).catch(badInput);
    const unchanged = await findUnchanged(exec, inputDigest);
    if (unchanged) return recordUnchanged(run, path, unchanged, inputDigest, began);
    const artifacts = await loadDbtArtifacts(input).catch(badInput);
    const loaded = performance.now();
    const namespaceIssues: IngestIssue[] = [];
    const namespace = resolveNamespace(artifacts.manifest, o.namespace, artifacts.manifestPath, namespaceIssues);
    const scope = `dbt:${namespace}`;
    const memo = await SqlLineageMemo.load(exec, scope);
    const mapped = await mapDbtArtifactsPrepared(artifacts, { namespace, deriveColumnLineage: memo.wrap(deriveColumnLineage) }, (inputs) =>
      memo.prepare(inputs),
    );
    mapped.issues.unshift(...namespaceIssues);
    const mappedAt = performance.now();
    const record = await run.begin({ scope, namespace: mapped.namespace });
    const base = {
      kind: 'dbt',
      source: path,
      scope,
      namespace: mapped.namespace,
      stats: { ...(mapped.stats ?? {}), ...memo.stats(), nodesMapped: mapped.nodes.length, edgesMapped: mapped.edges.length },
    };
    // A failure is recorded with the mapping's issues and nothing written (the lifecycle records it).
    run.partial(() => ({ ...base, status: 'failed', write: emptyReport(), issues: mapped.issues, issueCounts: countIssues(mapped.issues), timingsMs: {} }));
    {
      const { project, invocations } = splitInvocations(mapped);
      const write = { allowMassDelete: o.allowMassDelete, ingestionId: record.id, ctx: { op: `ingest dbt ${mapped.namespace}` } };
      // Progress counts graph items (nodes and edges written, nodes deleted) over every graph written: each write
      // adds its planned deletions to the total once it knows them.
      const sizes = [project, ...invocations.values()].map((g) => g.nodes.length + g.edges.length);
      let total = sizes.reduce((a, b) => a + b, 0);
      let before = 0;
      const track = (size: number) => {
        let deletions = 0;
        const onProgress = (done: number, t: number, phase: string) => {
          if (t - size > deletions) total += t - size - deletions;
          deletions = Math.max(deletions, t - size);
          run.progress(before + done, total, phase);
        };
        return { onProgress, finish: () => (before += size + deletions) };
      };
      const first = track(sizes[0]!);
      const { report, issues } = await writeGraph(exec, project, { ...write, scope, deleteMissing: true, onProgress: first.onProgress });
      first.finish();
      for (const [i, [invocationId, graph]] of [...invocations].entries()) {
        const t = track(sizes[i + 1]!);
        const r = await writeGraph(exec, graph, { ...write, scope: `dbt-run:${namespace}:${invocationId}`, deleteMissing: true, onProgress: t.onProgress });
        t.finish();
        mergeReports(report, r.report);
        issues.push(...r.issues);
      }
      await memo.save();
      const scopes = [scope, ...[...invocations.keys()].map((id) => `dbt-run:${namespace}:${id}`)];
      await recordInput(exec, record.urn, inputDigest, await digestScopes(exec, scopes));
      const all = [...mapped.issues, ...issues];
      const timingsMs = {
        read: Math.round(loaded - began),
        map: Math.round(mappedAt - loaded),
        write: Math.round(performance.now() - mappedAt),
        total: Math.round(performance.now() - began),
      };
      const result: RunResult = { ...base, status: 'completed', write: report, issues: all, issueCounts: countIssues(all), timingsMs };
      return result;
    }
  });

export const runDbtIngest = withLifecycle('dbt', dbtRunner);

/** Artifacts ingested before and a graph that still holds what that ingestion wrote: recorded, nothing else. */
async function recordUnchanged(run: IngestionRun, path: string, unchanged: UnchangedIngestion, inputDigest: string, began: number): Promise<RunResult> {
  const checked = performance.now();
  const record = await run.begin({ scope: unchanged.scope, namespace: unchanged.namespace });
  const total = unchanged.report.write.nodes.unchanged + unchanged.report.write.edges.unchanged;
  run.progress(total, total, 'unchanged');
  const timingsMs = { read: Math.round(checked - began), map: 0, write: 0, total: Math.round(performance.now() - began) };
  await recordInput(run.exec, record.urn, inputDigest, unchanged.scopeDigests);
  return { ...unchanged.report, source: path, timingsMs };
}

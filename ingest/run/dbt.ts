import { HelixError } from '../../src/errors.js';
import { withSpan } from '../../src/observability/tracing.js';
import { IngestionRecord, countIssues, type IngestionReport } from '../core/ingestion.js';
import { emptyReport, mergeReports } from '../core/write-report.js';
import { splitInvocations } from './split-invocations.js';
import { writeGraph } from '../core/writer.js';
import { DbtArtifactError, loadDbtArtifacts } from '../dbt/load-artifacts.js';
import { mapDbtArtifacts } from '../dbt/map-dbt.js';
import { resolveNamespace } from '../dbt/map/namespace.js';
import type { IngestIssue } from '../core/graph.js';
import { SqlLineageMemo } from './sql-lineage-memo.js';
import { deriveColumnLineage } from '../dbt/sql/column-lineage.js';
import type { IngestRunner } from './types.js';

/** `helix ingest dbt <target-dir | manifest.json>`: a snapshot of one dbt project, scoped by its namespace. */
export const runDbtIngest: IngestRunner = async (exec, path, o) =>
  withSpan('ingest dbt', { 'helix.source': path }, async () => {
    const began = performance.now();
    const artifacts = await loadDbtArtifacts({ path, catalog: o.catalog, runResults: o.runResults, sources: o.sources }).catch(
      (error: unknown) => {
        if (error instanceof DbtArtifactError) throw new HelixError('BAD_USER_INPUT', error.message, { source: path });
        throw error;
      },
    );
    const loaded = performance.now();
    const namespaceIssues: IngestIssue[] = [];
    const namespace = resolveNamespace(artifacts.manifest, o.namespace, artifacts.manifestPath, namespaceIssues);
    const scope = `dbt:${namespace}`;
    const memo = await SqlLineageMemo.load(exec, scope);
    const mapped = mapDbtArtifacts(artifacts, { namespace, deriveColumnLineage: memo.wrap(deriveColumnLineage) });
    mapped.issues.unshift(...namespaceIssues);
    const mappedAt = performance.now();
    const record = await IngestionRecord.start(exec, { kind: 'dbt', source: path, scope, namespace: mapped.namespace, id: o.ingestionId });
    const base = {
      kind: 'dbt',
      source: path,
      scope,
      namespace: mapped.namespace,
      stats: { ...(mapped.stats ?? {}), ...memo.stats(), nodesMapped: mapped.nodes.length, edgesMapped: mapped.edges.length },
    };
    try {
      const { project, invocations } = splitInvocations(mapped);
      const write = { allowMassDelete: o.allowMassDelete, ctx: { op: `ingest dbt ${mapped.namespace}` } };
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
          o.onProgress?.(before + done, total, phase);
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
      const all = [...mapped.issues, ...issues];
      const timingsMs = {
        read: Math.round(loaded - began),
        map: Math.round(mappedAt - loaded),
        write: Math.round(performance.now() - mappedAt),
        total: Math.round(performance.now() - began),
      };
      const result: Omit<IngestionReport, 'id' | 'urn'> = { ...base, status: 'completed', write: report, issues: all, issueCounts: countIssues(all), timingsMs };
      await record.finish(result, timingsMs.total);
      return { id: record.id, urn: record.urn, ...result };
    } catch (error) {
      const message = (error as Error).message;
      await record.finish(
        { ...base, status: 'failed', write: emptyReport(), issues: mapped.issues, issueCounts: countIssues(mapped.issues), timingsMs: {}, error: message },
        Math.round(performance.now() - began),
      );
      throw error;
    }
  });

import { randomUUID } from 'node:crypto';
import type { Executor } from '../db/executor.js';
import { requireQueries } from '../db/registry.js';
import { publishIngestionProgress } from '../events/ingestion-progress.js';
import type { IngestIssue } from '../../ingest/core/graph.js';
import type { WriteReport } from './write-report.js';
import { ingestionUrn } from '../../ingest/common/urns.js';

const Q = requireQueries([
  'ingest/start-ingestion',
  'ingest/checkpoint-ingestion',
  'ingest/finish-ingestion',
  'ingest/get-ingestion',
  'ingest/heartbeat-ingestion',
  'ingest/requeue-ingestion',
] as const);

/** How an ingestion ends: `cancelled` by cancelIngestion (it stopped at a batch boundary). */
export type IngestionEnd = 'completed' | 'failed' | 'cancelled';

export interface IngestionReport {
  id: string;
  urn: string;
  kind: string;
  source: string;
  scope: string;
  namespace?: string;
  status: IngestionEnd;
  write: WriteReport;
  issues: IngestIssue[];
  issueCounts: Record<string, number>;
  stats: Record<string, number>;
  timingsMs: Record<string, number>;
  error?: string;
  /** Set when the inputs had been ingested before and the graph still held that result: the earlier ingestion's id. */
  unchangedSince?: string;
}

export { ingestionUrn };

/** An (:Ingestion) node that records progress, checkpoints, heartbeats and the final report of one ingestion. */
export class IngestionRecord {
  private constructor(
    private readonly exec: Executor,
    readonly id: string,
    readonly urn: string,
    readonly position: number,
  ) {}

  static async start(
    exec: Executor,
    o: { kind: string; source: string; scope: string; namespace?: string; resumeId?: string; id?: string; workerId?: string },
  ): Promise<IngestionRecord> {
    const id = o.resumeId ?? o.id ?? randomUUID();
    const urn = ingestionUrn(id);
    const [row] = await exec.write(Q['ingest/start-ingestion'], {
      urn,
      id,
      kind: o.kind,
      source: o.source,
      namespace: o.namespace ?? null,
      scope: o.scope,
      workerId: o.workerId ?? null,
    });
    return new IngestionRecord(exec, id, urn, Number(row?.position ?? 0));
  }

  static async find(exec: Executor, id: string) {
    const [row] = await exec.read(Q['ingest/get-ingestion'], { urn: ingestionUrn(id) });
    return row;
  }

  /** Stamps the record as alive; answers whether a cancel was asked for. */
  static async heartbeat(exec: Executor, id: string): Promise<{ cancelRequested: boolean } | undefined> {
    const [row] = await exec.write(Q['ingest/heartbeat-ingestion'], { urn: ingestionUrn(id) });
    return row ? { cancelRequested: row.cancelRequested === true } : undefined;
  }

  /** Back to `queued` (a retry will follow, or another worker takes the job over); the checkpoint stays. */
  static async requeue(exec: Executor, id: string, o: { error: string | null; retry: boolean; kind?: string | null }): Promise<boolean> {
    const urn = ingestionUrn(id);
    const rows = await exec.write(Q['ingest/requeue-ingestion'], { urn, error: o.error, retry: o.retry ? 1 : 0 });
    if (rows.length > 0) {
      publishIngestionProgress({ id, urn, kind: o.kind ?? null, source: null, status: 'queued', position: null, progress: null, durationMs: null, error: o.error });
    }
    return rows.length > 0;
  }

  async checkpoint(position: number, progress: Record<string, unknown>): Promise<void> {
    await this.exec.write(Q['ingest/checkpoint-ingestion'], {
      urn: this.urn,
      position,
      progressJson: JSON.stringify(progress),
    });
    publishIngestionProgress({ id: this.id, urn: this.urn, kind: null, source: null, status: 'running', position, progress, durationMs: null, error: null });
  }

  async finish(report: Omit<IngestionReport, 'id' | 'urn'>, durationMs: number): Promise<void> {
    const stored = { ...report, issues: report.issues.slice(0, 500), issuesTruncated: report.issues.length > 500 };
    await this.exec.write(Q['ingest/finish-ingestion'], {
      urn: this.urn,
      status: report.status,
      reportJson: JSON.stringify(stored),
      durationMs,
      error: report.error ?? null,
    });
    publishIngestionProgress({
      id: this.id,
      urn: this.urn,
      kind: report.kind,
      source: report.source,
      status: report.status,
      position: null,
      progress: { stats: report.stats, issueCounts: report.issueCounts },
      durationMs,
      error: report.error ?? null,
    });
  }
}

export function countIssues(issues: IngestIssue[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of issues) out[`${i.severity}:${i.code}`] = (out[`${i.severity}:${i.code}`] ?? 0) + 1;
  return out;
}

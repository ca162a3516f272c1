import type { Executor } from '../db/executor.js';
import type { IngestionReport } from './record.js';

export interface IngestRunOptions {
  namespace?: string;
  format?: string;
  allowMassDelete?: boolean;
  /** Resume the ingestion with this id from its last checkpoint. */
  resume?: string;
  /** Record the ingestion under this id (a background job announces its id before it starts). */
  ingestionId?: string;
  catalog?: string;
  runResults?: string;
  sources?: string;
  onProgress?: (done: number, total: number, phase: string) => void;
  /** Stops the ingestion at its next batch: reason 'cancel' (it ends `cancelled`) or 'shutdown' (handed back). */
  signal?: AbortSignal;
  /** Who runs it (recorded on the Ingestion): a worker's id, or the CLI's host and pid by default. */
  workerId?: string;
  /**
   * Attempts on transient database failures (Neo4j unavailable, deadlock, timeout), with backoff (1, 2, 4, 8, 16 s:
   * a Neo4j restart fits); default 6. A queue
   * job passes 1 and `requeueTransient`, so the queue retries it (with its own backoff) instead.
   */
  attempts?: number;
  requeueTransient?: boolean;
}

export type IngestRunner = (exec: Executor, path: string, o: IngestRunOptions) => Promise<IngestionReport>;

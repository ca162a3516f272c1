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
}

export type IngestRunner = (exec: Executor, path: string, o: IngestRunOptions) => Promise<IngestionReport>;

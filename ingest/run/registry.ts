import type { IngestRunner } from './types.js';

/** `helix ingest <kind>`: each kind's runner (parse → map → shared writer → report). */
export const INGESTERS: Record<string, { describe: string; run: () => Promise<IngestRunner> }> = {};

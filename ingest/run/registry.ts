import type { IngestRunner } from './types.js';

/** `helix ingest <kind>`: each kind's runner (parse → map → shared writer → report), loaded on demand. */
export const INGESTERS: Record<string, { describe: string; run: () => Promise<IngestRunner> }> = {
  dbt: {
    describe: 'dbt target/ folder or manifest.json (+ catalog, run_results, sources)',
    run: async () => (await import('./dbt.js')).runDbtIngest,
  },
};

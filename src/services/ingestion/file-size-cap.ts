import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { HelixError } from '../../errors.js';

/** Files a dbt ingestion reads beside its manifest (src/ingestion: catalog, run results, sources). */
const DBT_SIBLINGS = ['catalog.json', 'run_results.json', 'sources.json'];

/**
 * HELIX_INGEST_MAX_FILE_BYTES for `helix ingest`, as startIngestion applies it through IngestRoots: every file the
 * ingestion would read (a named file and the dbt artifacts beside it, everything under a folder, the files of
 * --catalog/--run-results/--sources) is measured before anything is parsed or written. A 300 MB manifest drove a
 * process past 1 GB before failing; refusing it up front costs a stat per file.
 */
export async function assertFileSizes(source: string, extraFiles: Array<string | undefined>, maxBytes: number, limit = 200_000): Promise<void> {
  const files: string[] = [];
  const info = await stat(source).catch(() => undefined);
  if (info?.isDirectory()) {
    const pending = [source];
    while (pending.length > 0) {
      const dir = pending.pop()!;
      for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
        if (files.length + pending.length > limit) throw new HelixError('BAD_USER_INPUT', `more than ${limit} files under ${source}`);
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) pending.push(full);
        else files.push(full);
      }
    }
  } else {
    files.push(source, ...DBT_SIBLINGS.map((f) => path.join(path.dirname(source), f)));
  }
  for (const file of [...files, ...extraFiles.filter((f): f is string => Boolean(f))]) {
    const size = await stat(file).then(
      (s) => (s.isFile() ? s.size : 0),
      () => 0, // missing: the ingester reports it (or does not need it)
    );
    if (size > maxBytes) {
      throw new HelixError('BAD_USER_INPUT', `${file} has ${size} bytes, more than the ${maxBytes} an ingestion may read (HELIX_INGEST_MAX_FILE_BYTES); nothing was written`);
    }
  }
}

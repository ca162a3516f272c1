import path from 'node:path';

/**
 * A release named in a file name: `gnomad.v4.1.constraint_metrics.tsv` → `4.1`,
 * `…annotated.2023-11-22.csv` → `2023-11-22`. A `v<digits>` version wins over a date.
 */
export function versionFromFileName(file: string): string | undefined {
  const name = path.basename(file);
  const v = /(?:^|[^A-Za-z])v(\d+(?:\.\d+)+)/i.exec(name);
  if (v) return v[1];
  const date = /(\d{4}-\d{2}-\d{2})/.exec(name);
  if (date) return date[1];
  return undefined;
}

/** Basename that also understands Windows paths written by Windows tools (`C:\\…\\x.water`). */
export function portableBasename(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

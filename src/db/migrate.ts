import { createHash } from 'node:crypto';
import type { Executor } from './executor.js';
import { requireQueries } from './registry.js';

const Q = requireQueries(['meta/record-migration', 'meta/get-schema-version', 'meta/get-migrations'] as const);

export interface MigrationResult {
  version: number;
  applied: string[];
}

/**
 * Applies cypher/schema/* in name order. Every statement is idempotent (IF NOT EXISTS), so running all of them
 * again is safe; the schema version recorded in (:HelixMeta {id:'schema'}) is the number of migration files.
 */
export async function migrate(exec: Executor, o: { skipUnchanged?: boolean } = {}): Promise<MigrationResult> {
  const files = exec.registry.names().filter((n) => n.startsWith('schema/'));
  // Start-up skips files applied before with the same content (each statement costs a round trip and a schema
  // lock); `helix migrate` applies them all, which also recreates anything dropped by hand.
  const done = o.skipUnchanged
    ? new Map((await exec.read(Q['meta/get-migrations'], {}, { op: 'migrate' })).map((r) => [String(r.name), r.checksum]))
    : new Map<string, unknown>();
  const applied: string[] = [];
  for (const [i, name] of files.entries()) {
    const text = exec.registry.get(name);
    const checksum = createHash('sha256').update(text).digest('hex');
    if (done.get(name) === checksum) continue;
    for (const statement of splitStatements(text)) {
      await exec.runText(statement, {}, 'WRITE', { op: `migrate ${name}` });
    }
    await exec.write(Q['meta/record-migration'], { name, checksum, version: i + 1 }, { op: 'migrate' });
    applied.push(name);
  }
  if (applied.length > 0) await exec.runText('CALL db.awaitIndexes(300)', {}, 'READ', { op: 'migrate await-indexes' });
  return { version: files.length, applied };
}

export async function schemaVersion(exec: Executor): Promise<number> {
  const [row] = await exec.read(Q['meta/get-schema-version']);
  return Number(row?.version ?? 0);
}

/** Schema files hold several statements separated by ';' at the end of a line; '//' lines are comments. */
export function splitStatements(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

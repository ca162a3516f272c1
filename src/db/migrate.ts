import { createHash } from 'node:crypto';
import type { Executor } from './executor.js';
import { requireQueries } from './registry.js';

const Q = requireQueries(['meta/record-migration', 'meta/get-schema-version'] as const);

export interface MigrationResult {
  version: number;
  applied: string[];
}

/**
 * Applies cypher/schema/* in name order. Every statement is idempotent (IF NOT EXISTS), so running all of them
 * again is safe; the schema version recorded in (:HelixMeta {id:'schema'}) is the number of migration files.
 */
export async function migrate(exec: Executor): Promise<MigrationResult> {
  const files = exec.registry.names().filter((n) => n.startsWith('schema/'));
  const applied: string[] = [];
  for (const [i, name] of files.entries()) {
    const text = exec.registry.get(name);
    for (const statement of splitStatements(text)) {
      await exec.runText(statement, {}, 'WRITE', { op: `migrate ${name}` });
    }
    const checksum = createHash('sha256').update(text).digest('hex');
    await exec.write(Q['meta/record-migration'], { name, checksum, version: i + 1 }, { op: 'migrate' });
    applied.push(name);
  }
  await exec.runText('CALL db.awaitIndexes(300)', {}, 'READ', { op: 'migrate await-indexes' });
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

import { createHash } from 'node:crypto';
import pLimit from 'p-limit';
import { HelixError } from '../errors.js';
import type { Executor } from './executor.js';
import { requireQueries } from './registry.js';

const Q = requireQueries(['meta/get-query-check', 'meta/record-query-check', 'meta/get-server-info'] as const);

export interface QueryCheck {
  name: string;
  ok: boolean;
  error?: string;
}

/**
 * EXPLAINs every named query (schema files are checked by applying them: they are idempotent and schema commands
 * cannot be EXPLAINed). Start-up refuses to serve when a declared query is missing or one fails.
 */
export async function checkQueries(exec: Executor): Promise<QueryCheck[]> {
  const names = exec.registry.names().filter((n) => !n.startsWith('schema/'));
  // Planning is CPU-bound in the server; a few sessions at once overlap the round trips.
  const limit = pLimit(4);
  return Promise.all(
    names.map((name) =>
      limit(async (): Promise<QueryCheck> => {
        try {
          await exec.runText(`EXPLAIN ${exec.registry.get(name)}`, {}, 'READ', { op: `explain ${name}` });
          return { name, ok: true };
        } catch (error) {
          const cause = (error as { cause?: Error }).cause ?? (error as Error);
          return { name, ok: false, error: cause.message };
        }
      }),
    ),
  );
}

/**
 * Refuses to continue when a declared query has no file or a file fails EXPLAIN. A successful check is recorded
 * with a hash of every file and the server version, so later starts with the same files skip the planning.
 */
export async function assertQueriesValid(exec: Executor): Promise<void> {
  const missing = exec.registry.missing();
  if (missing.length > 0) {
    throw new HelixError('CONFIG_INVALID', `missing Cypher files: ${missing.map((m) => `cypher/${m}.cypher`).join(', ')}`);
  }
  const [server] = await exec.read(Q['meta/get-server-info'], {}, { op: 'startup' });
  const hash = createHash('sha256')
    .update(String(server?.version))
    .update(exec.registry.names().map((n) => `${n}\n${exec.registry.get(n)}`).join('\n'))
    .digest('hex');
  const [previous] = await exec.read(Q['meta/get-query-check'], {}, { op: 'startup' });
  if (previous?.hash === hash) return;
  const checks = await checkQueries(exec);
  const failed = checks.filter((c) => !c.ok);
  if (failed.length > 0) {
    throw new HelixError(
      'CONFIG_INVALID',
      `Cypher files fail EXPLAIN:\n${failed.map((f) => `  cypher/${f.name}.cypher: ${f.error}`).join('\n')}`,
    );
  }
  await exec.write(Q['meta/record-query-check'], { hash, queries: checks.length }, { op: 'startup' });
}


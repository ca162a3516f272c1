import { createHash } from 'node:crypto';
import pLimit from 'p-limit';
import { HelixError } from '../errors.js';
import type { Executor } from './executor.js';
import { requireQueries, type QueryRegistry } from './registry.js';

const EXPLAIN_TIMEOUT_MS = 120_000;

const Q = requireQueries(['meta/get-query-check', 'meta/record-query-check', 'meta/get-server-info'] as const);

export interface QueryCheck {
  name: string;
  ok: boolean;
  error?: string;
  /** The operators of its plan (Executor.explainOperators), when it planned. */
  operators?: string[];
}

/**
 * EXPLAINs every named query (schema files are checked by applying them: they are idempotent and schema commands
 * cannot be EXPLAINed). Start-up refuses to serve when a declared query is missing or one fails.
 */
export async function checkQueries(exec: Executor, only?: ReadonlySet<string>): Promise<QueryCheck[]> {
  const names = exec.registry.names().filter((n) => !n.startsWith('schema/') && (!only || only.has(n)));
  // Planning is CPU-bound in the server; a few sessions at once overlap the round trips.
  const limit = pLimit(4);
  return Promise.all(
    names.map((name) =>
      limit(async (): Promise<QueryCheck> => {
        try {
          // Planning a large query on a loaded machine can take long: a generous limit of its own.
          const operators = await exec.explainOperators(exec.registry.get(name), {}, { op: `explain ${name}`, timeoutMs: EXPLAIN_TIMEOUT_MS });
          return { name, ok: true, operators };
        } catch (error) {
          // A slow or unreachable database says nothing about the file: that is its own error, not a failed check.
          if (error instanceof HelixError && (error.code === 'TIMEOUT' || error.code === 'DATABASE_UNAVAILABLE' || error.code === 'SERVICE_UNAVAILABLE')) {
            throw new HelixError(error.code, `could not check cypher/${name}.cypher: ${error.message} (Neo4j is overloaded or down; the file may well be fine)`, error.details, { cause: error });
          }
          const cause = (error as { cause?: Error }).cause ?? (error as Error);
          return { name, ok: false, error: cause.message };
        }
      }),
    ),
  );
}

/**
 * Refuses to continue when a declared query has no file or a file fails EXPLAIN. A successful check records a key
 * per file (its content and the server version), so a later start plans only the files that changed, and skips the
 * check entirely when none did.
 */
export async function assertQueriesValid(exec: Executor): Promise<{ checked: number; cached: number }> {
  const missing = exec.registry.missing();
  if (missing.length > 0) {
    throw new HelixError('CONFIG_INVALID', `missing Cypher files: ${missing.map((m) => `cypher/${m}.cypher`).join(', ')}`);
  }
  const keys = await currentKeys(exec);
  const names = [...keys.keys()];
  const [previous] = await exec.read(Q['meta/get-query-check'], {}, { op: 'startup' });
  if (previous?.hash === keysHash(keys)) return { checked: 0, cached: names.length };
  const known = new Set((previous?.files as string[] | null | undefined) ?? []);
  const todo = new Set(names.filter((n) => !known.has(keys.get(n)!)));
  const checks = await checkQueries(exec, todo);
  const failed = checks.filter((c) => !c.ok);
  if (failed.length > 0) {
    throw new HelixError(
      'CONFIG_INVALID',
      `Cypher files fail EXPLAIN:\n${failed.map((f) => `  cypher/${f.name}.cypher: ${f.error}`).join('\n')}`,
    );
  }
  await writeRecord(exec, keys);
  return { checked: checks.length, cached: names.length - checks.length };
}

/**
 * Records a full pass of checkQueries made by its caller (the plan guard, test/integration/cypher/query-plans.test.ts,
 * EXPLAINs every file anyway) exactly as assertQueriesValid records its own: a later start on this database then
 * skips the pass. Records nothing, and returns false, unless every named query was checked and planned.
 */
export async function recordQueryCheck(exec: Executor, checks: readonly QueryCheck[]): Promise<boolean> {
  const ok = new Set(checks.filter((c) => c.ok).map((c) => c.name));
  const keys = await currentKeys(exec);
  if (exec.registry.missing().length > 0 || ![...keys.keys()].every((n) => ok.has(n))) return false;
  await writeRecord(exec, keys);
  return true;
}

async function currentKeys(exec: Executor): Promise<Map<string, string>> {
  const [server] = await exec.read(Q['meta/get-server-info'], {}, { op: 'startup' });
  return queryCheckKeys(exec.registry, String(server?.version));
}

const keysHash = (keys: Map<string, string>) => createHash('sha256').update([...keys.values()].join('\n')).digest('hex');

async function writeRecord(exec: Executor, keys: Map<string, string>): Promise<void> {
  await exec.write(Q['meta/record-query-check'], { hash: keysHash(keys), queries: keys.size, files: [...keys.values()] }, { op: 'startup' });
}

/** One key per named query: its content and the server version. After an edit only the edited files are planned again. */
export function queryCheckKeys(registry: QueryRegistry, serverVersion: string): Map<string, string> {
  const names = registry.names().filter((n) => !n.startsWith('schema/'));
  return new Map(
    names.map((n) => [n, createHash('sha256').update(serverVersion).update('\0').update(n).update('\0').update(registry.get(n)).digest('hex')]),
  );
}

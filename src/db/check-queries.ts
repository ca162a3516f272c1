import { HelixError } from '../errors.js';
import type { Executor } from './executor.js';

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
  const results: QueryCheck[] = [];
  for (const name of exec.registry.names()) {
    if (name.startsWith('schema/')) continue;
    try {
      await exec.runText(`EXPLAIN ${exec.registry.get(name)}`, {}, 'READ', { op: `explain ${name}` });
      results.push({ name, ok: true });
    } catch (error) {
      const cause = (error as { cause?: Error }).cause ?? (error as Error);
      results.push({ name, ok: false, error: cause.message });
    }
  }
  return results;
}

export async function assertQueriesValid(exec: Executor): Promise<void> {
  const missing = exec.registry.missing();
  if (missing.length > 0) {
    throw new HelixError('CONFIG_INVALID', `missing Cypher files: ${missing.map((m) => `cypher/${m}.cypher`).join(', ')}`);
  }
  const failed = (await checkQueries(exec)).filter((c) => !c.ok);
  if (failed.length > 0) {
    throw new HelixError(
      'CONFIG_INVALID',
      `Cypher files fail EXPLAIN:\n${failed.map((f) => `  cypher/${f.name}.cypher: ${f.error}`).join('\n')}`,
    );
  }
}


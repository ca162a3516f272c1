import type { Executor, QueryContext } from '../../db/executor.js';
import { requireQueries } from '../../db/registry.js';
import { HelixError } from '../../errors.js';

const Q = requireQueries(['ingest/list-ingestions', 'ingest/list-incomplete-scopes'] as const);

export interface IngestionFilter {
  status?: string[] | null;
  kind?: string[] | null;
}

const STATUSES = new Set(['queued', 'running', 'completed', 'failed', 'cancelled']);

const encode = (at: number, id: string) => Buffer.from(JSON.stringify([at, id])).toString('base64url');
function decode(cursor: string): { at: number; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [number, string];
    if (typeof at === 'number' && typeof id === 'string') return { at, id };
  } catch {
    // falls through
  }
  throw new HelixError('BAD_USER_INPUT', 'after is not a cursor of ingestions', { argument: 'after' });
}

/**
 * One page of Ingestion records, newest first, keyset-paged (records added meanwhile never shift a page).
 * `namespaces`: those of a caller limited to them (null: every namespace); other ingestions are left out.
 */
export async function listIngestions(
  exec: Executor,
  o: { filter?: IngestionFilter | null; first?: number | null; after?: string | null },
  ctx?: QueryContext,
  namespaces: readonly string[] | null = null,
) {
  const first = Math.min(500, Math.max(0, o.first ?? 50));
  const status = o.filter?.status?.length ? o.filter.status : null;
  for (const s of status ?? []) if (!STATUSES.has(s)) throw new HelixError('BAD_USER_INPUT', `unknown status '${s}'; known: ${[...STATUSES].join(', ')}`, { argument: 'filter.status' });
  const after = o.after ? decode(o.after) : null;
  const rows = await exec.read(
    Q['ingest/list-ingestions'],
    { status, kind: o.filter?.kind?.length ? o.filter.kind : null, afterAt: after?.at ?? null, afterId: after?.id ?? null, limit: first + 1, namespaces },
    ctx,
  );
  const page = rows.slice(0, first).map((r) => ({ urn: String(r.urn), cursor: encode(Number(r.at), String(r.urn).split(':').pop()!) }));
  return { page, hasNextPage: rows.length > first };
}

export async function listIncompleteScopes(exec: Executor, ctx?: QueryContext) {
  return (await exec.read(Q['ingest/list-incomplete-scopes'], {}, ctx)).map((r) => ({
    scope: String(r.scope),
    ingestionId: String(r.ingestionId),
    status: String(r.status),
    error: (r.error as string | null) ?? null,
  }));
}

import { requireQueries } from '../../db/registry.js';
import { badInput, HelixError } from '../../errors.js';
import type { ServiceContext } from '../lineage/service-context.js';

const Q = requireQueries(['history/get-ingestion-time', 'history/list-scope-ingestions'] as const);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INGESTION_URN = 'urn:helix:ingestion:';
// An ISO 8601 date or date-time (seconds, fractions and zone optional; without a zone it is UTC).
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** A point of the graph's past: the instant, and the ingestion that named it (when one did). */
export interface Instant {
  at: string;
  ingestion: string | null;
}

const NAMESPACE = /^[A-Za-z0-9_.-]+$/;

/** The dbt snapshot scope of a namespace (what lineageDiff compares). */
export function namespaceScope(namespace: string): string {
  if (typeof namespace !== 'string' || !NAMESPACE.test(namespace)) {
    throw badInput('namespace is made of letters, digits, _, - and . (the dbt project name or --namespace)', { argument: 'namespace' });
  }
  return `dbt:${namespace}`;
}

export function isIngestionRef(value: string): boolean {
  return UUID.test(value) || (value.startsWith(INGESTION_URN) && UUID.test(value.slice(INGESTION_URN.length)));
}

/**
 * `asOf`: an ingestion id (or its urn) is the graph just after that ingestion ended; an ISO date-time is the graph
 * at that instant.
 */
export async function resolveInstant(s: ServiceContext, value: string, argument = 'asOf'): Promise<Instant> {
  const v = typeof value === 'string' ? value.trim() : '';
  if (isIngestionRef(v)) return ingestionInstant(s, v, argument);
  if (ISO.test(v)) {
    const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(v) && v.includes('T');
    const ms = Date.parse(hasZone || !v.includes('T') ? v.replace(' ', 'T') : `${v.replace(' ', 'T')}Z`);
    if (!Number.isNaN(ms)) return { at: new Date(ms).toISOString(), ingestion: null };
  }
  throw badInput(`${argument} must be an ISO 8601 date-time (2026-12-01T09:30:00Z) or an ingestion id, got '${String(value).slice(0, 80)}'`, {
    argument,
  });
}

async function ingestionInstant(s: ServiceContext, ref: string, argument: string, scope?: string): Promise<Instant> {
  const urn = ref.startsWith(INGESTION_URN) ? ref : `${INGESTION_URN}${ref}`;
  const [row] = await s.exec.read(Q['history/get-ingestion-time'], { urn }, s.query);
  if (!row) throw new HelixError('NOT_FOUND', `no ingestion ${ref}`, { argument });
  if (scope !== undefined && row.scope !== scope) {
    throw badInput(`ingestion ${String(row.id)} is of ${String(row.scope)}, not ${scope}`, { argument });
  }
  if (row.finishedAt === null || row.finishedAt === undefined) {
    throw badInput(`ingestion ${String(row.id)} has not finished (status ${String(row.status)})`, { argument });
  }
  return { at: String(row.finishedAt), ingestion: String(row.id) };
}

/** lineageDiff's `from`/`to`: an ingestion id of the namespace, `latest`, `previous`, or an ISO date-time. */
export async function resolveDiffEnd(s: ServiceContext, scope: string, value: string, argument: string): Promise<Instant> {
  const v = typeof value === 'string' ? value.trim() : '';
  if (v === 'latest' || v === 'previous') {
    const rows = await s.exec.read(Q['history/list-scope-ingestions'], { scope, limit: 2 }, s.query);
    const row = rows[v === 'latest' ? 0 : 1];
    if (!row) throw new HelixError('NOT_FOUND', `${scope} has no ${v} completed ingestion`, { argument });
    return { at: String(row.finishedAt), ingestion: String(row.id) };
  }
  if (isIngestionRef(v)) return ingestionInstant(s, v, argument, scope);
  return resolveInstant(s, v, argument);
}

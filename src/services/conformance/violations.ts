import type { Executor, QueryContext } from '../../db/executor.js';
import { requireQueries } from '../../db/registry.js';
import { badInput, HelixError } from '../../errors.js';
import { decodeKeyset, keysetPage, optionalText, storedRows, type KeysetPage } from '../bio/keyset-cursor.js';
import { pageSize } from '../lineage/limits.js';
import { SEVERITIES, VIOLATION_STATUSES, type ViolationStatus } from './rule-types.js';

const Q = requireQueries(['conformance/list-violations', 'conformance/count-violations', 'conformance/update-violation-status', 'conformance/list-rules'] as const);

export interface ViolationFilter {
  namespace?: string | null;
  rule?: string | null;
  severity?: string | null;
  status?: string | null;
  category?: string | null;
  subject?: string | null;
}

export interface ViolationListArgs {
  filter?: ViolationFilter | null;
  first?: number | null;
  after?: string | null;
}

/** Severity arrives as the GraphQL enum (ERROR) or the stored word (error). */
function filterParams(f: ViolationFilter): Record<string, unknown> {
  const severity = optionalText('filter.severity', f.severity, 20)?.toLowerCase() ?? null;
  if (severity && !(SEVERITIES as readonly string[]).includes(severity)) throw badInput(`filter.severity must be one of ${SEVERITIES.join(', ')}`, { argument: 'filter.severity' });
  const status = optionalText('filter.status', f.status, 20);
  if (status && !(VIOLATION_STATUSES as readonly string[]).includes(status)) throw badInput(`filter.status must be one of ${VIOLATION_STATUSES.join(', ')}`, { argument: 'filter.status' });
  return {
    namespace: optionalText('filter.namespace', f.namespace, 500),
    rule: optionalText('filter.rule', f.rule, 200),
    severity,
    status,
    category: optionalText('filter.category', f.category, 100)?.toLowerCase() ?? null,
    subject: optionalText('filter.subject', f.subject, 2000),
  };
}

/** violations(filter, first, after): by rule and subject (the violation urn), keyset-paged, totalCount on demand. */
export async function listViolations(exec: Executor, args: ViolationListArgs, query: QueryContext = {}): Promise<KeysetPage> {
  const first = pageSize(args.first, 50);
  const key = decodeKeyset('violations', args.after, 1);
  const params = filterParams(args.filter ?? {});
  const rows = await exec.read(Q['conformance/list-violations'], { ...params, after: key ? String(key[0]) : null, first: first + 1 }, query);
  return keysetPage('violations', storedRows(rows), first, (r) => [r.urn], async () => {
    const [row] = await exec.read(Q['conformance/count-violations'], params, query);
    return Number(row?.total ?? 0);
  });
}

export interface StatusChange {
  id: string;
  status: string;
  comment?: string | null;
  by: string;
}

/**
 * A person's decision: any status may be set by hand (RESOLVED too); the next evaluation keeps ACKNOWLEDGED and
 * FALSE_POSITIVE, resolves what passes and reopens a RESOLVED violation that fails again.
 */
export async function updateViolationStatus(exec: Executor, change: StatusChange, query: QueryContext = {}) {
  if (!(VIOLATION_STATUSES as readonly string[]).includes(change.status)) throw badInput(`status must be one of ${VIOLATION_STATUSES.join(', ')}`, { argument: 'status' });
  const comment = optionalText('comment', change.comment, 2000) ?? '';
  const id = optionalText('id', change.id, 4000);
  if (!id || !id.startsWith('urn:helix:violation:')) throw badInput('id must be the id of a violation (urn:helix:violation:...)', { argument: 'id' });
  const [row] = await exec.write(
    Q['conformance/update-violation-status'],
    { urn: id, status: change.status as ViolationStatus, comment, by: change.by, at: new Date().toISOString() },
    query,
  );
  if (!row) throw new HelixError('NOT_FOUND', `no violation ${id}`);
  return storedRows([row])[0]!;
}

export interface StoredRule {
  id: string;
  category: string;
  severity: string;
  scope: string;
  enabled: boolean;
}

/** The rules the last evaluations used (scores count the enabled ones). */
export async function evaluatedRules(exec: Executor, query: QueryContext = {}): Promise<StoredRule[]> {
  const rows = await exec.read(Q['conformance/list-rules'], {}, query);
  return rows.map((r) => ({ id: String(r.id), category: String(r.category), severity: String(r.severity), scope: String(r.scope), enabled: r.enabled === true }));
}

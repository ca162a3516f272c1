import type { Executor, QueryContext } from '../db/executor.js';
import { requireQueries } from '../db/registry.js';
import { badInput } from '../errors.js';

const Q = requireQueries(['auth/record-audit-event', 'auth/list-audit-events'] as const);

export interface AuditEntry {
  /** Who: a key id, `token`, `oidc:<subject>`, `open` (auth off) or `cli`. */
  actor: string;
  /** What: a mutation's name, `ingestion`, `openlineage`, `export`, `keys.create`, `keys.revoke`. */
  action: string;
  /** The urns (or key ids) it touched. */
  targets: string[];
  /** `ok` or `error: <code>`. */
  outcome: string;
  requestId?: string | null;
  /** Arguments worth keeping; never secrets (callers leave them out). */
  details?: Record<string, unknown> | null;
}

const MAX_TARGETS = 1000;
const MAX_DETAILS = 4096;

/** Writes one :AuditEvent. Recording must not fail the operation it describes: a failure is logged by the caller. */
export async function recordAudit(exec: Executor, e: AuditEntry, ctx: QueryContext = {}): Promise<void> {
  const details = e.details ? JSON.stringify(e.details) : null;
  await exec.write(
    Q['auth/record-audit-event'],
    {
      actor: e.actor,
      action: e.action,
      targets: [...new Set(e.targets)].slice(0, MAX_TARGETS),
      outcome: e.outcome,
      requestId: e.requestId ?? null,
      detailsJson: details && details.length > MAX_DETAILS ? `${details.slice(0, MAX_DETAILS)}…` : details,
    },
    { ...ctx, op: 'audit' },
  );
}

export interface AuditFilter {
  actor?: string | null;
  action?: string | null;
  target?: string | null;
  since?: string | null;
  until?: string | null;
}

export interface AuditEvent {
  id: string;
  at: string;
  actor: string;
  action: string;
  targets: string[];
  outcome: string;
  requestId: string | null;
  details: unknown;
  cursor: string;
}

export async function listAuditEvents(
  exec: Executor,
  args: { filter?: AuditFilter | null; first?: number | null; after?: string | null },
  ctx: QueryContext = {},
): Promise<{ events: AuditEvent[]; hasNextPage: boolean }> {
  const first = Math.min(Math.max(args.first ?? 50, 0), 500);
  const after = args.after ? decodeCursor(args.after) : null;
  const f = args.filter ?? {};
  for (const [name, v] of [['since', f.since], ['until', f.until]] as const) {
    if (v && !Number.isFinite(Date.parse(v))) throw badInput(`auditEvents filter.${name} '${v}' is not a date-time`);
  }
  const rows = await exec.read(
    Q['auth/list-audit-events'],
    {
      actor: f.actor ?? null,
      action: f.action ?? null,
      target: f.target ?? null,
      since: f.since ?? null,
      until: f.until ?? null,
      afterAt: after?.at ?? null,
      afterId: after?.id ?? null,
      limit: first + 1,
    },
    { ...ctx, op: 'audit list' },
  );
  const events = rows.slice(0, first).map((r) => ({
    id: String(r.id),
    at: String(r.at),
    actor: String(r.actor),
    action: String(r.action),
    targets: Array.isArray(r.targets) ? r.targets.map(String) : [],
    outcome: String(r.outcome),
    requestId: (r.requestId as string | null) ?? null,
    details: typeof r.detailsJson === 'string' ? safeJson(r.detailsJson) : null,
    cursor: Buffer.from(JSON.stringify([r.at, r.id])).toString('base64url'),
  }));
  return { events, hasNextPage: rows.length > first };
}

function decodeCursor(cursor: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    if (typeof at === 'string' && typeof id === 'string') return { at, id };
  } catch {
    // fall through
  }
  throw badInput('auditEvents: `after` is not a cursor this query returned');
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** `helix ingest` runs as `cli`: its Ingestion record is the target, its status the outcome (docs/security.md). */
export async function auditCliIngestion(
  exec: Executor,
  kind: string,
  report: { urn: string; status: string; namespace?: string; source: string; error?: string },
): Promise<void> {
  await recordAudit(exec, {
    actor: 'cli',
    action: 'ingestion',
    targets: [report.urn],
    outcome: report.status === 'completed' ? 'ok' : 'error: INGESTION_FAILED',
    details: { kind, namespace: report.namespace ?? null, source: report.source },
  }).catch(() => undefined);
}

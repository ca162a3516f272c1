import { requireQueries } from '../../../db/registry.js';
import { badInput } from '../../../errors.js';
import { pageSize, requireUrn } from '../../lineage/limits.js';
import type { ServiceContext } from '../../lineage/service-context.js';
import { PII_ORIGINS, isPiiCategory, type PiiCategory, type PiiOrigin } from './categories.js';
import { decodePiiCursor, encodePiiCursor } from './pii-cursor.js';

const Q = requireQueries(['conformance/list-pii-inventory', 'conformance/count-pii-inventory'] as const);

export interface PiiFilter {
  namespace?: string | null;
  category?: string | null;
  origin?: string | null;
  /** Findings of one column (urn). */
  column?: string | null;
}

export interface StoredFinding {
  urn: string;
  column: string;
  category: PiiCategory;
  origin: PiiOrigin;
  evidence: string[];
  namespace: string | null;
  reason: string | null;
  pseudonymous: boolean;
}

export interface PiiPage {
  items: Array<{ cursor: string; finding: StoredFinding; column: { urn: string; labels: string[]; props: Record<string, unknown> } }>;
  hasNextPage: boolean;
  totalCount: () => Promise<number>;
}

/** piiInventory(filter, first, after): findings in urn order, keyset-paged, every filter optional. */
export async function listPiiInventory(
  s: ServiceContext,
  args: { filter?: PiiFilter | null; first?: number | null; after?: string | null },
): Promise<PiiPage> {
  const first = pageSize(args.first, 50);
  const after = args.after ? decodePiiCursor(args.after) : '';
  const params = filterParams(args.filter ?? {});
  const rows = await s.exec.read(Q['conformance/list-pii-inventory'], { ...params, after, first: first + 1 }, s.query);
  const items = rows.slice(0, first).map((r) => ({
    cursor: encodePiiCursor(String(r.urn)),
    finding: toFinding(r.finding as Record<string, unknown>),
    column: { urn: String(r.columnUrn), labels: r.columnLabels as string[], props: r.columnProps as Record<string, unknown> },
  }));
  let total: Promise<number> | undefined;
  return {
    items,
    hasNextPage: rows.length > first,
    totalCount: () => (total ??= s.exec.read(Q['conformance/count-pii-inventory'], params, s.query).then(([r]) => Number(r?.total ?? 0))),
  };
}

function filterParams(f: PiiFilter): Record<string, unknown> {
  const namespace = f.namespace ?? null;
  if (namespace !== null && (namespace.trim() === '' || namespace.length > 500)) {
    throw badInput('filter.namespace must be a non-empty string of at most 500 characters', { argument: 'filter.namespace' });
  }
  const category = f.category ?? null;
  if (category !== null && !isPiiCategory(category)) throw badInput(`filter.category '${category}' is not a PII category`, { argument: 'filter.category' });
  const origin = f.origin ?? null;
  if (origin !== null && !(PII_ORIGINS as readonly string[]).includes(origin)) {
    throw badInput(`filter.origin '${origin}' is not one of ${PII_ORIGINS.join(', ')}`, { argument: 'filter.origin' });
  }
  const column = f.column === undefined || f.column === null ? null : requireUrn('filter.column', f.column);
  return { namespace, category, origin, column };
}

export function toFinding(p: Record<string, unknown>): StoredFinding {
  return {
    urn: String(p.urn),
    column: String(p.column),
    category: p.category as PiiCategory,
    origin: p.origin as PiiOrigin,
    evidence: Array.isArray(p.evidence) ? p.evidence.map(String) : [],
    namespace: typeof p.namespace === 'string' ? p.namespace : null,
    reason: typeof p.reason === 'string' ? p.reason : null,
    pseudonymous: p.pseudonymous === true,
  };
}

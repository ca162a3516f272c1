import { badInput } from '../../errors.js';
import type { StoredNode } from '../../db/stored-node.js';

/**
 * Opaque Relay cursors of the bio and provenance lists: base64url JSON of the sort key of the last item, tagged with
 * the list it belongs to, so a cursor of one list given to another is refused instead of paging wrong.
 */
export function encodeKeyset(kind: string, key: readonly (string | number | null)[]): string {
  return Buffer.from(JSON.stringify({ k: kind, p: key })).toString('base64url');
}

/** The sort key after which the next page starts; null without a cursor. */
export function decodeKeyset(kind: string, cursor: string | null | undefined, arity: number): (string | number | null)[] | null {
  if (cursor === undefined || cursor === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badInput(`after is not a cursor of ${kind}`, { argument: 'after' });
  }
  const p = (parsed as { k?: unknown; p?: unknown } | null)?.p;
  const valid =
    (parsed as { k?: unknown } | null)?.k === kind &&
    Array.isArray(p) &&
    p.length === arity &&
    p.every((v) => v === null || typeof v === 'string' || typeof v === 'number');
  if (!valid) throw badInput(`after is not a cursor of ${kind}`, { argument: 'after' });
  return p as (string | number | null)[];
}

/** Optional text arguments: trimmed, empty means absent, bounded in length. */
export function optionalText(name: string, value: string | null | undefined, max = 500): string | null {
  if (value === undefined || value === null) return null;
  const t = value.trim();
  if (t === '') return null;
  if (t.length > max) throw badInput(`${name} is longer than ${max} characters`, { argument: name });
  return t;
}

export type { StoredNode };

export interface KeysetPage<T extends StoredNode = StoredNode> {
  items: Array<{ cursor: string; node: T }>;
  hasNextPage: boolean;
  /** Evaluated only when asked for (one more round trip). */
  totalCount: () => Promise<number>;
}

/** A page from rows fetched with `first + 1`: the extra row only tells that there is a next page. */
export function keysetPage<T extends StoredNode>(
  kind: string,
  rows: T[],
  first: number,
  keyOf: (row: T) => (string | number | null)[],
  count: () => Promise<number>,
): KeysetPage<T> {
  let total: Promise<number> | undefined;
  return {
    items: rows.slice(0, first).map((node) => ({ cursor: encodeKeyset(kind, keyOf(node)), node })),
    hasNextPage: rows.length > first,
    totalCount: () => (total ??= count()),
  };
}

/** Rows of a list query as stored nodes. */
export function storedRows(rows: Record<string, unknown>[]): StoredNode[] {
  return rows.map((r) => ({ urn: String(r.urn), labels: r.labels as string[], props: r.props as Record<string, unknown> }));
}

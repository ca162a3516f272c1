import { badInput } from '../../errors.js';

/**
 * Opaque Relay cursors: base64url JSON of a position, tagged with the list it belongs to, so a cursor of one list
 * given to another is refused instead of silently paging wrong.
 */
export type CursorKind = 'capsules' | 'search' | 'impact';

export function encodeCursor(kind: CursorKind, position: string | number): string {
  return Buffer.from(JSON.stringify({ k: kind, p: position })).toString('base64url');
}

export function decodeCursor(kind: CursorKind, cursor: string): string | number {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badInput(`after is not a cursor of this list`, { argument: 'after' });
  }
  const p = (parsed as { k?: unknown; p?: unknown } | null)?.p;
  if ((parsed as { k?: unknown } | null)?.k !== kind || (typeof p !== 'string' && typeof p !== 'number')) {
    throw badInput(`after is not a cursor of ${kind}`, { argument: 'after' });
  }
  return p;
}

/** Offset cursors (search, impact lists): the position after which the next page starts. */
export function decodeOffset(kind: CursorKind, cursor: string | null | undefined): number {
  if (cursor === undefined || cursor === null) return 0;
  const p = decodeCursor(kind, cursor);
  if (typeof p !== 'number' || !Number.isInteger(p) || p < 0) throw badInput(`after is not a cursor of ${kind}`, { argument: 'after' });
  return p + 1;
}

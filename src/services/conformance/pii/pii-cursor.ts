import { badInput } from '../../../errors.js';

/** Opaque Relay cursor of piiInventory: base64url JSON of the last finding urn, tagged so other lists' cursors are refused. */
export function encodePiiCursor(urn: string): string {
  return Buffer.from(JSON.stringify({ k: 'pii', p: urn })).toString('base64url');
}

export function decodePiiCursor(cursor: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badInput('after is not a cursor of piiInventory', { argument: 'after' });
  }
  const p = (parsed as { k?: unknown; p?: unknown } | null)?.p;
  if ((parsed as { k?: unknown } | null)?.k !== 'pii' || typeof p !== 'string') throw badInput('after is not a cursor of piiInventory', { argument: 'after' });
  return p;
}

import { HelixError } from '../errors.js';

const TRANSIENT = new Set(['DATABASE_UNAVAILABLE', 'SERVICE_UNAVAILABLE', 'TIMEOUT', 'DATABASE_ERROR']);

/**
 * A failure worth another attempt: Neo4j unavailable or restarting, a deadlock, a timeout. Bad input (a
 * BAD_USER_INPUT, an unreadable artifact, a mass delete refused) fails the same way every time and is never retried.
 */
export function isTransient(error: unknown): boolean {
  return error instanceof HelixError && TRANSIENT.has(error.code);
}

/** Exponential backoff: base, 2×base, 4×base, ... capped at 30 s. */
export function backoffMs(attempt: number, baseMs = 500): number {
  return Math.min(30_000, baseMs * 2 ** (attempt - 1));
}

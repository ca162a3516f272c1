/** The closed set of error codes Helix reports (GraphQL `extensions.code`, CLI exit messages, HTTP bodies). */
export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'QUERY_TOO_COMPLEX',
  'CONFLICT',
  'TIMEOUT',
  'DATABASE_UNAVAILABLE',
  /** Neo4j is temporarily away (stopped, restarting, no leader): retry later; HTTP routes answer 503. */
  'SERVICE_UNAVAILABLE',
  'DATABASE_ERROR',
  'CONFIG_INVALID',
  'CONFIG_UNSAFE',
  'INGESTION_FAILED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class HelixError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'HelixError';
  }
}

export function badInput(message: string, details?: Record<string, unknown>): HelixError {
  return new HelixError('BAD_USER_INPUT', message, details);
}
